package com.jobswipe.profile;

import com.jobswipe.config.AccountsConfig;
import com.jobswipe.crypto.DataKeyRing;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Candidate profiles, resumes, cover letters and the user's data rights, assembled for the API verticle. */
public final class ProfileFeature {

  /** Parsing threads: few, so hostile uploads queue instead of taking every worker. */
  private static final int PARSER_THREADS = 2;

  private final ProfileRoutes routes;
  private final ProfileService profiles;
  private final WorkerExecutor parsers;
  private final ProfileSignals signals;

  /** @param accounts who is an admin, for the export's account section */
  public ProfileFeature(Vertx vertx, Pool pool, DataKeyRing keys, Path dataDir, AccountsConfig accounts) {
    Clock clock = Clock.systemUTC();
    this.parsers = vertx.createSharedWorkerExecutor("resume-parsers", PARSER_THREADS, 30, TimeUnit.SECONDS);
    this.profiles = new ProfileService(pool, keys, clock);
    ResumeService resumes = new ResumeService(pool, keys, new ResumeParser(ResumeLimits.defaults()), parsers);
    this.signals = new ProfileSignals(pool, keys, parsers);
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
  }
}
