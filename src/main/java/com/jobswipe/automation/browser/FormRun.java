package com.jobswipe.automation.browser;

import com.jobswipe.automation.browser.FillPlan.Skipped;
import com.jobswipe.automation.browser.FormField.Control;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.ScreenshotType;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.microsoft.playwright.options.WaitUntilState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One application in one fresh browser context, in steps the caller can checkpoint between:
 * {@link #open} → {@link #detectCaptcha} → {@link #fill} → {@link #submit} → {@link #confirmation}. A dry run
 * stops after {@link #fill} (its screenshot is the preview). Close the run to give its browser back.
 *
 * <p>Every step is bounded by the run's step timeout and answers a {@link StepOutcome}: its report, or a
 * {@link StepFailure} — never a Playwright exception. After a step overran its time the run refuses further
 * steps (the page is in an unknown state).
 *
 * <p>{@link #submit()} clicks the submit control at most once in the life of the run, and only after a fill that
 * left no pending question. If anything goes wrong after the click was dispatched, the failure says
 * {@code submitMayHaveHappened}: the caller must verify, never click again.
 */
public final class FormRun implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FormRun.class);
  private static final String SCAN_JS = resource("scan-form.js");
  private static final String STATE_JS = resource("page-state.js");
  /** How long past the step timeout the caller waits for the browser thread before giving up on the page. */
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration TRIAL_CLICK = Duration.ofSeconds(10);
  /** Conditional questions ("If yes, please explain") appear after an answer: re-scan at most this often. */
  private static final int FILL_ROUNDS = 3;
  private static final Pattern SUBMIT_WORDS = Pattern.compile("submit|apply|send", Pattern.CASE_INSENSITIVE);
  private static final String CONTROLS = "input:not([type=hidden]), select, textarea";
  private static final List<AtsAdapter> ADAPTERS =
      List.of(new GreenhouseForm(), new LeverForm(), new AshbyForm());
  private static final AtsAdapter GENERIC = new GenericForm();

  /** Gives the browser back to its pool; called once, on the slot's thread, after the context is closed. */
  private final Runnable release;
  private final BrowserSlot slot;
  private final BrowserContext context;
  private final Page page;
  private final NavigationGuard guard;
  private final Duration stepTimeout;

  // Written only on the slot's thread (steps run one at a time).
  private volatile AtsAdapter adapter;
  private String scope;
  private PageState beforeSubmit = PageState.EMPTY;
  private Optional<Captcha> captchaBeforeSubmit = Optional.empty();

  private volatile boolean filled;
  private volatile int pendingQuestions;
  private volatile boolean submitCalled;
  private volatile boolean clickDispatched;
  private volatile boolean abandoned;
  private volatile boolean closed;

  FormRun(Runnable release, BrowserSlot slot, BrowserContext context, Page page, NavigationGuard guard,
          Duration stepTimeout) {
    this.release = release;
    this.slot = slot;
    this.context = context;
    this.page = page;
    this.guard = guard;
    this.stepTimeout = stepTimeout;
  }

  /**
   * Opens the apply URL (http or https only; private hosts only when allowed), recognises the ATS, follows its
   * own way to the form (Lever's {@code /apply}, Ashby's {@code /application}, Greenhouse's embedded frame) and
   * waits for the form to render. A 404 or 410 is {@link StepFailure.Kind#GONE}; a Cloudflare challenge page opens
   * without a form (check {@link #detectCaptcha()}).
   */
  public StepOutcome<Opened> open(URI url) {
    Objects.requireNonNull(url);
    if (submitCalled) {
      return notReady("the form was already submitted; open it in a new run");
    }
    Optional<String> refused = guard.refuseStart(url);
    if (refused.isPresent()) {
      return StepOutcome.failed(StepFailure.Kind.URL_NOT_ALLOWED, refused.get());
    }
    filled = false;
    pendingQuestions = 0;
    return step(deadline -> {
      Response response = page.navigate(url.toString(), new Page.NavigateOptions()
          .setWaitUntil(WaitUntilState.DOMCONTENTLOADED).setTimeout(deadline.remainingMillis()));
      int status = response == null ? 0 : response.status();
      if (status == 404 || status == 410) {
        throw new StepException(StepFailure.Kind.GONE, "the apply page answered " + status);
      }
      URI landed = URI.create(page.url());
      adapter = ADAPTERS.stream().filter(a -> a.recognisesUrl(landed)).findFirst().orElse(null);
      boolean challenge = CaptchaDetector.detect(page.content(), frameUrls())
          .filter(c -> c.kind() == CaptchaKind.CLOUDFLARE_CHALLENGE).isPresent();
      if (challenge) {
        adapter = adapter == null ? GENERIC : adapter;
        return new Opened(adapter.kind(), page.url(), status, false);
      }
      if (adapter == null) {
        waitForControls(deadline);
        String html = page.content();
        adapter = ADAPTERS.stream().filter(a -> a.recognisesMarkup(html)).findFirst().orElse(GENERIC);
      }
      adapter.reachForm(page, this::go, deadline);
      scope = adapter.formScope().orElse(null);
      boolean formFound = page.locator(CONTROLS).count() > 0;
      log.debug("opened {} as {} (status {}, form {})", page.url(), adapter.kind(), status, formFound);
      return new Opened(adapter.kind(), page.url(), status, formFound);
    });
  }

  /** Looks for a captcha or bot wall on the page as it is now; with a screenshot when one is there. */
  public StepOutcome<CaptchaReport> detectCaptcha() {
    if (adapter == null) {
      return notReady("open the page first");
    }
    return step(deadline -> {
      Optional<Captcha> captcha = CaptchaDetector.detect(page.content(), frameUrls());
      return new CaptchaReport(captcha, captcha.isPresent() ? screenshot(deadline) : new byte[0]);
    });
  }

  /**
   * Fills the form from the applicant (see {@link FillPlanner} for what is never guessed), uploads files first,
   * re-scans for questions that appear after an answer, and takes a screenshot. Returns the names of the filled
   * fields — never their values — and the required questions a human must answer before {@link #submit()}.
   */
  public StepOutcome<FillReport> fill(Applicant applicant) {
    Objects.requireNonNull(applicant);
    if (adapter == null) {
      return notReady("open the page first");
    }
    if (submitCalled) {
      return notReady("the form was already submitted");
    }
    return step(deadline -> fillNow(applicant, deadline));
  }

  /**
   * Clicks the form's submit control, once. Refuses without clicking when the fill has not run or left pending
   * questions, and on every call after the first.
   */
  public synchronized StepOutcome<SubmitReport> submit() {
    if (submitCalled) {
      return StepOutcome.failed(new StepFailure(StepFailure.Kind.ALREADY_SUBMITTED,
          "submit() was already called on this run; it never clicks twice", clickDispatched));
    }
    if (!filled) {
      return notReady("fill the form first");
    }
    if (pendingQuestions > 0) {
      return notReady(pendingQuestions + " required question(s) still need a human's answer");
    }
    submitCalled = true;
    return step(deadline -> {
      Locator button = submitButton();
      String text = buttonText(button);
      beforeSubmit = state();
      captchaBeforeSubmit = CaptchaDetector.detect(page.content(), frameUrls());
      button.scrollIntoViewIfNeeded(new Locator.ScrollIntoViewIfNeededOptions().setTimeout(deadline.remainingMillis()));
      try {
        // Every check of a click (visible, enabled, stable, not covered by a banner) without the click, so a
        // control that cannot be clicked fails here, where nothing can have been sent.
        button.click(new Locator.ClickOptions().setTrial(true).setTimeout(deadline.atMost(TRIAL_CLICK)));
      } catch (PlaywrightException e) {
        deadline.check("waiting for the submit control");
        throw new StepException(StepFailure.Kind.NO_SUBMIT_BUTTON,
            "the submit control cannot be clicked: " + PlaywrightErrors.firstLine(e));
      }
      clickDispatched = true;
      button.click(new Locator.ClickOptions().setTimeout(deadline.remainingMillis()));
      log.debug("clicked submit \"{}\" on {}", text, beforeSubmit.url());
      return new SubmitReport(Instant.now(), text);
    });
  }

  /**
   * Watches the page after the click until the ATS's thank-you page or message appears, the form shows errors,
   * a captcha challenge pops up, or the step's time runs out ({@link ConfirmationReport.Status#UNKNOWN}).
   */
  public StepOutcome<ConfirmationReport> confirmation() {
    if (!clickDispatched) {
      return notReady("nothing was submitted");
    }
    return step(this::watchConfirmation);
  }

  /** A full-page PNG of the page as it is now. */
  public StepOutcome<byte[]> screenshot() {
    return step(this::screenshot);
  }

  /** The ATS recognised by {@link #open}, if it ran. */
  public Optional<AtsKind> ats() {
    return Optional.ofNullable(adapter).map(AtsAdapter::kind);
  }

  /** Memory of this run's browser with this run's context open (one context per browser at a time). */
  public MemoryUsage memory() {
    return slot.memory();
  }

  /** Closes the context (cookies, storage and pages go with it) and gives the browser back (the release callback). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Future<?> closing = slot.submit(() -> {
      try {
        context.close();
      } catch (PlaywrightException e) {
        log.debug("context close: {}", PlaywrightErrors.firstLine(e));
      } finally {
        release.run();
      }
      return null;
    });
    try {
      closing.get(stepTimeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn("browser {} context did not close in time", slot.index);
    }
  }

  /** On the slot's thread: closes the context without giving the browser back (the pool does that). */
  void closeContextHere() {
    closed = true;
    try {
      context.close();
    } catch (PlaywrightException e) {
      log.debug("context close: {}", PlaywrightErrors.firstLine(e));
    }
  }

  // ------------------------------------------------------------------------------------------------ steps

  private <T> StepOutcome<T> step(Function<Deadline, T> body) {
    if (closed) {
      return StepOutcome.failed(StepFailure.Kind.CLOSED, "the run is closed");
    }
    if (abandoned) {
      return StepOutcome.failed(new StepFailure(StepFailure.Kind.CLOSED,
          "an earlier step overran its time; the page is in an unknown state", clickDispatched));
    }
    Deadline deadline = Deadline.in(stepTimeout);
    Future<T> work = slot.submit(() -> {
      context.setDefaultTimeout(stepTimeout.toMillis());
      context.setDefaultNavigationTimeout(stepTimeout.toMillis());
      return body.apply(deadline);
    });
    try {
      return StepOutcome.ok(work.get(stepTimeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      return StepOutcome.failed(failure(e.getCause()));
    } catch (TimeoutException e) {
      abandoned = true;
      return StepOutcome.failed(new StepFailure(StepFailure.Kind.TIMEOUT,
          "the browser did not finish the step within " + stepTimeout.toSeconds() + " s", clickDispatched));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandoned = true;
      return StepOutcome.failed(new StepFailure(StepFailure.Kind.INTERRUPTED, "interrupted", clickDispatched));
    }
  }

  private StepFailure failure(Throwable cause) {
    boolean clicked = clickDispatched;
    if (cause instanceof StepException step) {
      return new StepFailure(step.kind(), step.getMessage(), clicked);
    }
    if (cause instanceof PlaywrightException e) {
      String line = PlaywrightErrors.firstLine(e);
      if (PlaywrightErrors.isTimeout(e)) {
        return new StepFailure(StepFailure.Kind.TIMEOUT, line, clicked);
      }
      if (line.contains("ERR_BLOCKED_BY_CLIENT")) {
        return new StepFailure(StepFailure.Kind.URL_NOT_ALLOWED, "a request went to a host that is not public: "
            + line, clicked);
      }
      if (line.contains("net::ERR_") || line.contains("NS_ERROR_")) {
        return new StepFailure(StepFailure.Kind.NAVIGATION_FAILED, line, clicked);
      }
      return new StepFailure(StepFailure.Kind.BROWSER_FAILED, line, clicked);
    }
    log.warn("browser step failed unexpectedly", cause);
    return new StepFailure(StepFailure.Kind.BROWSER_FAILED, PlaywrightErrors.firstLine(cause), clicked);
  }

  private static <T> StepOutcome<T> notReady(String why) {
    return StepOutcome.failed(StepFailure.Kind.NOT_READY, why);
  }

  // ------------------------------------------------------------------------------------------------ open

  private void go(String url, Deadline deadline) {
    Optional<String> refused = guard.refuseStart(URI.create(url));
    if (refused.isPresent()) {
      throw new StepException(StepFailure.Kind.URL_NOT_ALLOWED, refused.get());
    }
    page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.DOMCONTENTLOADED)
        .setTimeout(deadline.remainingMillis()));
  }

  private void waitForControls(Deadline deadline) {
    try {
      page.locator(CONTROLS).first().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED)
          .setTimeout(deadline.remainingMillis()));
    } catch (PlaywrightException e) {
      deadline.check("waiting for a form");
    }
  }

  private List<String> frameUrls() {
    return page.frames().stream().map(Frame::url).toList();
  }

  // ------------------------------------------------------------------------------------------------ fill

  private FillReport fillNow(Applicant applicant, Deadline deadline) {
    FieldControls controls = new FieldControls(page, adapter);
    Map<String, FilledField> done = new LinkedHashMap<>();
    Map<String, PendingQuestion> pending = new LinkedHashMap<>();
    Map<String, Skipped> skipped = new LinkedHashMap<>();
    Integer form = null;
    boolean anyField = false;
    for (int round = 0; round < FILL_ROUNDS; round++) {
      deadline.check("scanning the form");
      List<FormField> fields = scan();
      if (adapter.formScope().isEmpty()) {
        if (form == null) {
          form = GenericForm.chooseForm(fields)
              .orElseThrow(() -> new StepException(StepFailure.Kind.NO_FORM, "no application form on the page"));
          scope = form >= 0 ? "[data-jobswipe-form=\"" + form + "\"]" : null;
        }
        int chosen = form;
        fields = fields.stream().filter(f -> f.form() == chosen).toList();
      }
      anyField |= !fields.isEmpty();
      List<FormField> fresh = new ArrayList<>();
      for (FormField f : fields) {
        boolean seen = done.containsKey(f.key()) || pending.containsKey(f.key()) || skipped.containsKey(f.key());
        boolean nowShown = f.visible() && skipped.containsKey(f.key()) && "hidden".equals(skipped.get(f.key()).reason());
        if (!seen || nowShown) {
          fresh.add(f);
        }
      }
      if (fresh.isEmpty()) {
        break;
      }
      fresh = controls.withComboboxOptions(fresh, deadline);
      FillPlan plan = FillPlanner.plan(fresh, applicant, adapter::knownField);
      for (FieldAction action : plan.actions()) {
        deadline.check("filling " + action.field().displayName());
        skipped.remove(action.field().key());
        if (controls.perform(action, applicant, deadline)) {
          done.put(action.field().key(), new FilledField(action.field().displayName(), action.field().label(),
              action.kind(), action.source()));
        } else {
          skipped.put(action.field().key(), new Skipped(action.field().displayName(), action.field().label(),
              "could not be filled"));
        }
      }
      plan.pendingByKey().forEach((key, q) -> {
        skipped.remove(key);
        pending.put(key, q);
      });
      plan.skippedByKey().forEach((key, s) -> {
        if (!done.containsKey(key)) {
          skipped.put(key, s);
        }
      });
      if (plan.actions().isEmpty()) {
        break;                                   // nothing changed, so nothing new can have appeared
      }
    }
    if (!anyField) {
      throw new StepException(StepFailure.Kind.NO_FORM, "no fields in the form");
    }
    filled = true;
    pendingQuestions = pending.size();
    byte[] shot = screenshot(deadline);
    log.debug("filled {} field(s), {} pending, {} left blank", done.size(), pending.size(), skipped.size());
    return new FillReport(adapter.kind(), new ArrayList<>(done.values()), new ArrayList<>(pending.values()),
        new ArrayList<>(skipped.values()), shot);
  }

  private List<FormField> scan() {
    String json = (String) page.evaluate(SCAN_JS, adapter.formScope().orElse(null));
    List<FormField> fields = new ArrayList<>();
    for (Object o : new JsonArray(json)) {
      JsonObject f = (JsonObject) o;
      List<String> options = f.getJsonArray("options", new JsonArray()).stream().map(String::valueOf).toList();
      fields.add(new FormField(f.getString("key"), Control.valueOf(f.getString("control")), f.getString("label"),
          f.getString("name"), f.getString("id"), f.getString("placeholder"), f.getString("autocomplete"),
          f.getBoolean("required", false), f.getBoolean("visible", true), options, f.getInteger("form", -1),
          f.getString("formId")));
    }
    return fields;
  }

  // ------------------------------------------------------------------------------------------------ submit

  private Locator submitButton() {
    Locator root = scope == null ? page.locator("body") : page.locator(scope).first();
    Locator candidates = root.locator(adapter.submitSelector());
    Locator fallback = null;
    for (int i = 0; i < candidates.count(); i++) {
      Locator c = candidates.nth(i);
      if (!c.isVisible()) {
        continue;
      }
      if (SUBMIT_WORDS.matcher(buttonText(c)).find()) {
        return c;
      }
      if (fallback == null && scope != null) {
        fallback = c;
      }
    }
    if (fallback == null) {
      throw new StepException(StepFailure.Kind.NO_SUBMIT_BUTTON, "no visible submit control in the form");
    }
    return fallback;
  }

  private static String buttonText(Locator button) {
    String text = button.innerText().strip();
    if (text.isEmpty()) {
      String value = button.getAttribute("value");
      text = value == null ? "" : value.strip();
    }
    return text;
  }

  // ------------------------------------------------------------------------------------------------ confirmation

  private ConfirmationReport watchConfirmation(Deadline deadline) {
    ConfirmationRule rule = adapter.confirmation();
    int errorPolls = 0;
    PageState last = null;
    while (true) {
      PageState now = stateQuietly(rule);
      if (now != null) {
        last = now;
        Optional<String> confirmed = rule.confirms(beforeSubmit, now);
        if (confirmed.isPresent()) {
          return report(ConfirmationReport.Status.CONFIRMED, now, List.of(confirmed.get()), Optional.empty(),
              deadline);
        }
        Optional<Captcha> captcha = captchaQuietly();
        boolean wasInteractive = captchaBeforeSubmit.map(Captcha::interactive).orElse(false);
        if (captcha.isPresent() && captcha.get().interactive() && !wasInteractive) {
          return report(ConfirmationReport.Status.CAPTCHA, now, List.of(captcha.get().evidence()), captcha, deadline);
        }
        List<String> problems = problems(now);
        errorPolls = now.url().equals(beforeSubmit.url()) && !problems.isEmpty() ? errorPolls + 1 : 0;
        if (errorPolls >= 4) {                   // a second of errors and no navigation
          return report(ConfirmationReport.Status.FORM_ERRORS, now, problems, Optional.empty(), deadline);
        }
      }
      if (deadline.remainingMillis() <= POLL.toMillis() * 2) {
        break;
      }
      page.waitForTimeout(POLL.toMillis());
    }
    if (last != null && !problems(last).isEmpty()) {
      return report(ConfirmationReport.Status.FORM_ERRORS, last, problems(last), Optional.empty(), deadline);
    }
    return report(ConfirmationReport.Status.UNKNOWN, last == null ? PageState.EMPTY : last, List.of(),
        Optional.empty(), deadline);
  }

  /** Error messages new since the click, and the controls the browser refuses. */
  private List<String> problems(PageState now) {
    List<String> problems = new ArrayList<>();
    for (String e : now.errors()) {
      if (!beforeSubmit.errors().contains(e)) {
        problems.add(e);
      }
    }
    for (String invalid : now.invalid()) {
      problems.add("invalid: " + invalid);
    }
    return problems;
  }

  private ConfirmationReport report(ConfirmationReport.Status status, PageState state, List<String> evidence,
                                    Optional<Captcha> captcha, Deadline deadline) {
    byte[] shot;
    try {
      shot = screenshot(deadline);
    } catch (PlaywrightException e) {
      shot = new byte[0];
    }
    return new ConfirmationReport(status, state.url(), evidence, captcha, shot);
  }

  private PageState state() {
    return PageState.parse((String) page.evaluate(STATE_JS, adapter.confirmation().selectors()));
  }

  /** The page state, or null while a navigation swaps the document. */
  private PageState stateQuietly(ConfirmationRule rule) {
    try {
      page.waitForLoadState(LoadState.DOMCONTENTLOADED, new Page.WaitForLoadStateOptions().setTimeout(POLL.toMillis()));
    } catch (PlaywrightException e) {
      return null;
    }
    try {
      return PageState.parse((String) page.evaluate(STATE_JS, rule.selectors()));
    } catch (PlaywrightException e) {
      return null;
    }
  }

  private Optional<Captcha> captchaQuietly() {
    try {
      return CaptchaDetector.detect(page.content(), frameUrls());
    } catch (PlaywrightException e) {
      return Optional.empty();
    }
  }

  private byte[] screenshot(Deadline deadline) {
    return page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setType(ScreenshotType.PNG)
        .setTimeout(deadline.remainingMillis()));
  }

  private static String resource(String name) {
    try (InputStream in = FormRun.class.getResourceAsStream("/automation/browser/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource automation/browser/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
