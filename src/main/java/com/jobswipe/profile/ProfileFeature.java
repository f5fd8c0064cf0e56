package com.jobswipe.profile;

import com.jobswipe.config.AccountsConfig;
import com.jobswipe.config.ParsingConfig;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.profile.resume.ResumeLimits;
import com.jobswipe.profile.resume.ResumeParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** Candidate profiles, resumes, cover letters and the user's data rights, assembled for the API verticle. */
public final class ProfileFeature {

  private final ProfileRoutes routes;
  private final ProfileService profiles;
  private final BoundedWorkers parsers;
  private final BoundedWorkers unsealing;
  private final ProfileSignals signals;

  /**
   * Resume parsing and the unsealing of resume texts and files get a pool each: a queue of hostile uploads
   * never delays the feed's signals or a download, and neither waits without bound.
   *
   * @param accounts who is an admin, for the export's account section
   */
  public ProfileFeature(Vertx vertx, Pool pool, DataKeyRing keys, Path dataDir, ParsingConfig config,
                        MeterRegistry metrics, AccountsConfig accounts) {
    Clock clock = Clock.systemUTC();
    // A parse that overruns its deadline is abandoned and its thread freed; a caller refused for room is told to
    // come back after about one deadline, when a thread is certainly free again.
    this.parsers = new BoundedWorkers(vertx, metrics, "resume-parsers", config.parseThreads(), config.parseQueue(),
        config.parseTimeout().plusSeconds(5), config.parseTimeout());
    this.unsealing = new BoundedWorkers(vertx, metrics, "pii-unsealing", config.cryptoThreads(), config.cryptoQueue(),
        Duration.ofSeconds(10), Duration.ofSeconds(1));
    this.profiles = new ProfileService(pool, keys, clock);
    ResumeService resumes = new ResumeService(pool, keys,
        new ResumeParser(ResumeLimits.defaults().withTimeout(config.parseTimeout())), parsers, unsealing);
    this.signals = new ProfileSignals(pool, keys, unsealing);
    CoverLetterService coverLetters = new CoverLetterService(pool, profiles, clock);
    this.routes = new ProfileRoutes(vertx, profiles, resumes, coverLetters,
        new PersonalData(pool, accounts, vertx.eventBus(), profiles, resumes, coverLetters),
        dataDir.resolve("uploads"));
  }

  ProfileService profiles() {
    return profiles;
  }

  /** The profile as ranking reads it; the feed asks for it on every request. */
  public ProfileSignals signals() {
    return signals;
  }

  /** Routes that take their own, larger request body. */
  public static Set<String> uploadPaths() {
    return Set.of(ProfileRoutes.RESUME_UPLOAD);
  }

  public void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    routes.mount(router, signedIn, userLimit);
  }

  public void close() {
    parsers.close();
    unsealing.close();
  }
}
