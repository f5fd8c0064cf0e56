package com.jobswipe.feed;

import com.jobswipe.auth.Authn;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.MatchingMessages.FeedFilters;
import com.jobswipe.bus.MatchingMessages.FeedPage;
import com.jobswipe.bus.MatchingMessages.FeedQuery;
import com.jobswipe.bus.MatchingMessages.MatchProfile;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Parameters;
import com.jobswipe.edge.Replies;
import com.jobswipe.profile.CandidateSignals;
import com.jobswipe.profile.ProfileSignals;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.Optional;
import java.util.UUID;

import static com.jobswipe.text.JsonLists.strings;

/**
 * {@code GET /v1/feed}: the api role gathers what ranking needs of the candidate (signals from the profile, the
 * cached profile vector, filters from the preferences) and asks the matching role — on whichever node it runs —
 * for the page.
 */
final class FeedRoutes {


  private final Vertx vertx;
  private final ProfileSignals signals;
  private final ProfileVectors vectors;

  FeedRoutes(Vertx vertx, Pool pool, ProfileSignals signals) {
    this.vertx = vertx;
    this.signals = signals;
    this.vectors = new ProfileVectors(pool, vertx.eventBus(), signals);
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    router.get("/v1/feed").handler(signedIn).handler(userLimit).handler(Authn.usersOnly()).handler(this::feed);
  }

  private void feed(RoutingContext ctx) {
    Parameters parameters = Contract.parameters(ctx);
    int limit = parameters.pageSize();
    // An empty cursor is the first page, as it always was.
    Optional<String> cursor = parameters.text("cursor").filter(c -> !c.isEmpty());
    UUID userId = Authn.principal(ctx).userId().orElseThrow();
    Replies.json(ctx, 200, query(userId, limit, cursor)
        .compose(query -> Bus.FEED.request(vertx.eventBus(), query))
        .map(this::answer));
  }

  /** A later page needs no profile work: the ranking it walks was made with the first. */
  private Future<FeedQuery> query(UUID userId, int limit, Optional<String> cursor) {
    if (cursor.isPresent()) {
      return Future.succeededFuture(new FeedQuery(userId.toString(), MatchProfile.empty(), FeedFilters.none(), limit,
          cursor));
    }
    return signals.signals(userId).compose(candidate -> vectors.of(userId, candidate).map(vector ->
        new FeedQuery(userId.toString(),
            new MatchProfile(candidate.skills(), candidate.titles(), candidate.headline(),
                vector.map(ProfileVectors.ProfileVector::vector), vector.map(ProfileVectors.ProfileVector::model)),
            filters(candidate), limit, Optional.empty())));
  }

  private JsonObject answer(FeedPage page) {
    JsonArray items = new JsonArray();
    page.items().forEach(card -> items.add(new JsonObject().put("job", card.job()).put("score", card.score())
        .put("why", card.why()).put("rank", card.rank())));
    return new JsonObject().put("items", items).put("nextCursor", page.nextCursor().orElse(null))
        .put("feedId", page.feedId()).put("rankingVersion", page.rankingVersion());
  }

  static FeedFilters filters(CandidateSignals candidate) {
    JsonObject p = candidate.preferences();
    return new FeedFilters(p.getString("remote", "any"), strings(p.getJsonArray("locations")),
        Optional.ofNullable(p.getInteger("salaryFloor")), Optional.ofNullable(p.getString("salaryCurrency")),
        strings(p.getJsonArray("seniority")), strings(p.getJsonArray("excludedCompanies")));
  }
}
