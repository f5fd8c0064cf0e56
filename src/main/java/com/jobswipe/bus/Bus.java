package com.jobswipe.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import com.jobswipe.bus.AccountMessages.SessionsEnded;
import com.jobswipe.bus.AccountMessages.UserChanged;
import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.ApplicationMessages.ApplicationQueued;
import com.jobswipe.bus.ApplicationMessages.ApplicationState;
import com.jobswipe.bus.ApplicationMessages.CancelApplication;
import com.jobswipe.bus.ApplicationMessages.DomainList;
import com.jobswipe.bus.ApplicationMessages.DomainSettings;
import com.jobswipe.bus.ApplicationMessages.ResumeApplication;
import com.jobswipe.bus.ApplicationMessages.SettleApplication;
import com.jobswipe.bus.EmbeddingMessages.EmbedRequest;
import com.jobswipe.bus.EmbeddingMessages.Embeddings;
import com.jobswipe.bus.EmbeddingMessages.ModelInfo;
import com.jobswipe.bus.MatchingMessages.DigestPage;
import com.jobswipe.bus.MatchingMessages.DigestQuery;
import com.jobswipe.bus.MatchingMessages.FeedPage;
import com.jobswipe.bus.MatchingMessages.FeedQuery;
import com.jobswipe.bus.SourceMessages.CategoryCounts;
import com.jobswipe.bus.SourceMessages.JobsChanged;
import com.jobswipe.bus.SourceMessages.SourcePage;
import com.jobswipe.bus.SourceMessages.SourceRef;
import com.jobswipe.bus.SourceMessages.SourceSpec;
import com.jobswipe.bus.SourceMessages.SourceState;
import com.jobswipe.bus.SourceMessages.SyncReport;
import com.jobswipe.bus.SourceMessages.VerifyReport;

/**
 * The event bus contract: every address any verticle serves or publishes, with its message records,
 * timeout and failure codes. Verticles of different roles know each other only through this class. The failures
 * column lists what a handler chooses to answer; every request may also fail TIMEOUT or NO_HANDLER (nobody
 * answered), and INTERNAL (a handler's bug).
 *
 * <table>
 *   <caption>Addresses</caption>
 *   <tr><th>address</th><th>request</th><th>reply</th><th>failures</th></tr>
 *   <tr><td>{@code <role>.ping}</td><td>{@link Ping}</td><td>{@link Pong}</td><td>TIMEOUT, NO_HANDLER</td></tr>
 *   <tr><td>{@code notification.email}</td><td>{@link EmailRequest}</td><td>{@link Accepted}</td>
 *       <td>BAD_REQUEST, NOT_FOUND, UNAVAILABLE, TIMEOUT, NO_HANDLER</td></tr>
 *   <tr><td>{@code ingestion.sources.create}</td><td>SourceSpec</td><td>SourceState</td><td>BAD_REQUEST, CONFLICT</td></tr>
 *   <tr><td>{@code ingestion.sources.list}</td><td>EmptyRequest</td><td>SourcePage</td><td>—</td></tr>
 *   <tr><td>{@code ingestion.sources.get}</td><td>SourceRef</td><td>SourceState</td><td>NOT_FOUND</td></tr>
 *   <tr><td>{@code ingestion.sources.delete}</td><td>SourceRef</td><td>SourceRef</td><td>NOT_FOUND</td></tr>
 *   <tr><td>{@code ingestion.sources.sync}</td><td>SourceRef</td><td>SyncReport</td>
 *       <td>NOT_FOUND, CONFLICT (already running), UNAVAILABLE (the source failed)</td></tr>
 *   <tr><td>{@code ingestion.jobs.verify}</td><td>EmptyRequest</td><td>VerifyReport</td><td>—</td></tr>
 *   <tr><td>{@code ingestion.categories}</td><td>EmptyRequest</td><td>CategoryCounts</td><td>—</td></tr>
 *   <tr><td>{@code jobs.upserted}, {@code jobs.closed} (publish)</td><td>JobsChanged</td><td>—</td><td>—</td></tr>
 *   <tr><td>{@code embedding.embed}</td><td>EmbedRequest</td><td>Embeddings</td>
 *       <td>BAD_REQUEST, UNAVAILABLE (queue full or model server down)</td></tr>
 *   <tr><td>{@code embedding.model}</td><td>EmptyRequest</td><td>ModelInfo</td><td>—</td></tr>
 *   <tr><td>{@code matching.feed}</td><td>FeedQuery</td><td>FeedPage</td>
 *       <td>BAD_REQUEST (cursor), UNAVAILABLE (index still loading)</td></tr>
 *   <tr><td>{@code matching.digest}</td><td>DigestQuery</td><td>DigestPage</td>
 *       <td>BAD_REQUEST (user id, since), UNAVAILABLE (index still loading)</td></tr>
 *   <tr><td>{@code automation.applications.queued}</td><td>ApplicationQueued</td><td>Accepted</td><td>—</td></tr>
 *   <tr><td>{@code automation.applications.resume}</td><td>ResumeApplication</td><td>ApplicationState</td>
 *       <td>NOT_FOUND, CONFLICT</td></tr>
 *   <tr><td>{@code automation.applications.cancel}</td><td>CancelApplication</td><td>ApplicationState</td>
 *       <td>NOT_FOUND, CONFLICT</td></tr>
 *   <tr><td>{@code automation.applications.settle}</td><td>SettleApplication</td><td>ApplicationState</td>
 *       <td>BAD_REQUEST, NOT_FOUND, CONFLICT</td></tr>
 *   <tr><td>{@code automation.worker.status}</td><td>EmptyRequest</td><td>AutomationStatus</td>
 *       <td>TIMEOUT, NO_HANDLER (no node takes applications)</td></tr>
 *   <tr><td>{@code automation.status}</td><td>EmptyRequest</td><td>AutomationStatus</td>
 *       <td>TIMEOUT, NO_HANDLER (no automation node)</td></tr>
 *   <tr><td>{@code automation.domains.list}</td><td>EmptyRequest</td><td>DomainList</td><td>—</td></tr>
 *   <tr><td>{@code automation.domains.put}</td><td>DomainSettings</td><td>DomainSettings</td><td>BAD_REQUEST</td></tr>
 *   <tr><td>{@code applications.events} (publish)</td><td>ApplicationEvent</td><td>—</td><td>—</td></tr>
 *   <tr><td>{@code notifications.created} (publish)</td><td>NotificationEvent</td><td>—</td><td>—</td></tr>
 * </table>
 */
public final class Bus {

  private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

  private static final Map<Role, Endpoint<Ping, Pong>> PINGS = new EnumMap<>(Role.class);

  static {
    for (Role role : Role.values()) {
      PINGS.put(role, new Endpoint<>(role.id() + ".ping", Ping::fromJson, Pong::fromJson, PING_TIMEOUT));
    }
  }

  /**
   * Served by the notification role: account mail (templates {@code verify-email}, {@code reset-password},
   * {@code password-changed}, {@code new-sign-in}, {@code mfa-changed}). It goes out by email only; the inbox keeps
   * a notice without the link. A {@code messageId} parameter makes a repeated request one message.
   */
  public static final Endpoint<EmailRequest, Accepted> EMAIL = new Endpoint<>("notification.email",
      EmailRequest::fromJson, Accepted::fromJson, Duration.ofSeconds(5));

  public static final Endpoint<SourceSpec, SourceState> SOURCE_CREATE = new Endpoint<>("ingestion.sources.create",
      SourceSpec::fromJson, SourceState::fromJson, Duration.ofSeconds(10));
  public static final Endpoint<EmptyRequest, SourcePage> SOURCE_LIST = new Endpoint<>("ingestion.sources.list",
      EmptyRequest::fromJson, SourcePage::fromJson, Duration.ofSeconds(10));
  public static final Endpoint<SourceRef, SourceState> SOURCE_GET = new Endpoint<>("ingestion.sources.get",
      SourceRef::fromJson, SourceState::fromJson, Duration.ofSeconds(10));
  public static final Endpoint<SourceRef, SourceRef> SOURCE_DELETE = new Endpoint<>("ingestion.sources.delete",
      SourceRef::fromJson, SourceRef::fromJson, Duration.ofSeconds(10));
  /** A poll can page through a large board: the caller waits up to ten minutes. */
  public static final Endpoint<SourceRef, SyncReport> SOURCE_SYNC = new Endpoint<>("ingestion.sources.sync",
      SourceRef::fromJson, SyncReport::fromJson, Duration.ofMinutes(10));
  public static final Endpoint<EmptyRequest, CategoryCounts> CATEGORIES = new Endpoint<>("ingestion.categories",
      EmptyRequest::fromJson, CategoryCounts::fromJson, Duration.ofSeconds(10));

  /** Re-checks the apply pages of open jobs due for it (oldest first) and closes the gone ones. */
  public static final Endpoint<EmptyRequest, VerifyReport> JOBS_VERIFY = new Endpoint<>("ingestion.jobs.verify",
      EmptyRequest::fromJson, VerifyReport::fromJson, Duration.ofMinutes(5));

  /**
   * New jobs and jobs whose text changed ({@code textChanged=true}; ingestion then asks {@code embedding.embed} for
   * their vectors), and jobs whose stored vector was (re)computed ({@code textChanged=false}): matching re-indexes
   * them.
   */
  public static final Topic<JobsChanged> JOBS_UPSERTED = new Topic<>("jobs.upserted", JobsChanged::fromJson);
  /** Jobs gone from their sources: they leave every feed. */
  public static final Topic<JobsChanged> JOBS_CLOSED = new Topic<>("jobs.closed", JobsChanged::fromJson);

  /**
   * Texts to vectors. The embedding role batches requests from every caller and holds a bounded queue: when it
   * is full the request fails UNAVAILABLE at once (back-pressure: callers retry later rather than pile up).
   */
  public static final Endpoint<EmbedRequest, Embeddings> EMBED = new Endpoint<>("embedding.embed",
      EmbedRequest::fromJson, Embeddings::fromJson, Duration.ofSeconds(60));
  public static final Endpoint<EmptyRequest, ModelInfo> EMBEDDING_MODEL = new Endpoint<>("embedding.model",
      EmptyRequest::fromJson, ModelInfo::fromJson, Duration.ofSeconds(5));

  /** A page of a user's ranked feed. BAD_REQUEST: the cursor is not this user's or has expired. */
  public static final Endpoint<FeedQuery, FeedPage> FEED = new Endpoint<>("matching.feed",
      FeedQuery::fromJson, FeedPage::fromJson, Duration.ofSeconds(10));

  /**
   * The new jobs worth a user's daily digest (asked by the notification role, which must not read matching's
   * index). BAD_REQUEST: the user id or {@code since} does not parse.
   */
  public static final Endpoint<DigestQuery, DigestPage> DIGEST = new Endpoint<>("matching.digest",
      DigestQuery::fromJson, DigestPage::fromJson, Duration.ofSeconds(30));

  /**
   * A right swipe committed an application and its task (state QUEUED). Automation starts it; if this message is
   * lost its reconciler still finds the task in PostgreSQL.
   */
  public static final Endpoint<ApplicationQueued, Accepted> APPLICATION_QUEUED = new Endpoint<>(
      "automation.applications.queued", ApplicationQueued::fromJson, Accepted::fromJson, Duration.ofSeconds(5));

  /**
   * An account was erased or changed role. Each api instance forgets what it remembered of it; a lost message
   * costs at most the remembered entry's few seconds.
   */
  public static final Topic<UserChanged> USER_CHANGED = new Topic<>("accounts.user-changed", UserChanged::fromJson);

  /**
   * Sessions that were ended: every api node refuses their access tokens and closes their sockets at once (each
   * node also reads the recently ended ones from PostgreSQL at start, so a node that was down catches up).
   */
  public static final Topic<SessionsEnded> SESSIONS_ENDED = new Topic<>("accounts.sessions-ended",
      SessionsEnded::fromJson);

  /** Every step and state change of every application; each api instance forwards its users' to their sockets. */
  public static final Topic<ApplicationEvent> APPLICATION_EVENTS = new Topic<>("applications.events",
      ApplicationEvent::fromJson);
  /**
   * Every notification the notification role created (once, whatever the number of notification nodes); each api
   * instance writes it to its sockets of that user.
   */
  public static final Topic<NotificationEvent> NOTIFICATIONS = new Topic<>("notifications.created",
      NotificationEvent::fromJson);

  /** NOT_FOUND: no such application of this user; CONFLICT: it is not waiting for a human. */
  public static final Endpoint<ResumeApplication, ApplicationState> APPLICATION_RESUME = new Endpoint<>(
      "automation.applications.resume", ResumeApplication::fromJson, ApplicationState::fromJson,
      Duration.ofSeconds(10));
  /** NOT_FOUND: no such application of this user; CONFLICT: already submitted, being submitted, or finished. */
  public static final Endpoint<CancelApplication, ApplicationState> APPLICATION_CANCEL = new Endpoint<>(
      "automation.applications.cancel", CancelApplication::fromJson, ApplicationState::fromJson,
      Duration.ofSeconds(10));
  /**
   * The owner settles an UNKNOWN application as SUBMITTED or FAILED; automation moves it, as it moves every
   * application. BAD_REQUEST: another status; NOT_FOUND: no such application of this user; CONFLICT: not UNKNOWN.
   */
  public static final Endpoint<SettleApplication, ApplicationState> APPLICATION_SETTLE = new Endpoint<>(
      "automation.applications.settle", SettleApplication::fromJson, ApplicationState::fromJson,
      Duration.ofSeconds(10));

  /**
   * Served only by automation nodes that take applications off the backlog (they found Chromium at start): asked
   * first, so that one able node in the cluster is enough for the answer to be about it. A short timeout: the api
   * role asks on behalf of a waiting client.
   */
  public static final Endpoint<EmptyRequest, AutomationStatus> AUTOMATION_WORKER_STATUS = new Endpoint<>(
      "automation.worker.status", EmptyRequest::fromJson, AutomationStatus::fromJson, Duration.ofSeconds(1));
  /** Served by every automation node, able or not: asked when no node serves {@link #AUTOMATION_WORKER_STATUS}. */
  public static final Endpoint<EmptyRequest, AutomationStatus> AUTOMATION_STATUS = new Endpoint<>(
      "automation.status", EmptyRequest::fromJson, AutomationStatus::fromJson, Duration.ofSeconds(1));

  /** Domains with settings of their own (admin). */
  public static final Endpoint<EmptyRequest, DomainList> DOMAINS_LIST = new Endpoint<>("automation.domains.list",
      EmptyRequest::fromJson, DomainList::fromJson, Duration.ofSeconds(10));
  /** Creates or replaces one domain's limits, pause and circuit (admin); BAD_REQUEST for values out of range. */
  public static final Endpoint<DomainSettings, DomainSettings> DOMAINS_PUT = new Endpoint<>("automation.domains.put",
      DomainSettings::fromJson, DomainSettings::fromJson, Duration.ofSeconds(10));

  private Bus() {
  }

  /** Each role answers here; the reply names the node, so callers can tell who answered. */
  public static Endpoint<Ping, Pong> ping(Role role) {
    return PINGS.get(role);
  }

  /** Registers {@code role}'s ping handler; {@code details} is asked afresh for every ping. */
  public static MessageConsumer<JsonObject> answerPings(EventBus bus, Role role, String nodeId,
                                                        Supplier<JsonObject> details) {
    return ping(role).serve(bus, ping -> Future.succeededFuture(new Pong(role.id(), nodeId, details.get())));
  }
}
