package com.jobswipe.automation.browser;

import com.jobswipe.automation.browser.FieldAction.Op;
import com.jobswipe.automation.browser.FieldAction.Source;
import com.jobswipe.automation.browser.FillPlan.Skipped;
import com.jobswipe.automation.browser.FormField.Control;
import com.jobswipe.automation.browser.PendingQuestion.Reason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides, for every field the scan found, what to put in it and where the value comes from. Pure: no browser.
 *
 * <p>The rules:
 * <ul>
 *   <li>Hidden text fields are never touched (honeypots); file inputs may be hidden (styled upload buttons).</li>
 *   <li>A human's answer for the field's question wins for every non-file field.</li>
 *   <li>Applicant fields come from the profile; a choice control must offer the value as one of its options.</li>
 *   <li>Work authorisation and sponsorship come only from the applicant's stored answers.</li>
 *   <li>Sensitive and unknown questions are never guessed.</li>
 *   <li>Whatever cannot be answered is left blank when optional, and becomes a {@link PendingQuestion} when
 *       required.</li>
 * </ul>
 */
public final class FillPlanner {

  private FillPlanner() {
  }

  /**
   * @param known the ATS adapter's exact mapping of its own field names, consulted before {@link FieldMapper}
   */
  public static FillPlan plan(List<FormField> fields, Applicant applicant,
                              Function<FormField, Optional<FieldKind>> known) {
    List<FieldAction> actions = new ArrayList<>();
    Map<String, PendingQuestion> pending = new LinkedHashMap<>();
    Map<String, Skipped> skipped = new LinkedHashMap<>();
    for (FormField field : fields) {
      if (!field.visible() && field.control() != Control.FILE) {
        skipped.put(field.key(), new Skipped(field.displayName(), field.label(), "hidden"));
        continue;
      }
      FieldKind kind = known.apply(field).orElseGet(() -> FieldMapper.map(field));
      Decision decision = decide(field, kind, applicant);
      if (decision.action != null) {
        actions.add(decision.action);
      } else if (decision.leave) {
        skipped.put(field.key(), new Skipped(field.displayName(), field.label(), "answered no: left unticked"));
      } else if (field.required()) {
        pending.put(field.key(), PendingQuestion.of(field, decision.reason));
      } else {
        skipped.put(field.key(), new Skipped(field.displayName(), field.label(),
            decision.reason.name().toLowerCase(Locale.ROOT)));
      }
    }
    // Files first: Lever and Ashby parse an uploaded resume and write what they find into the text fields, which
    // must not overwrite what we type.
    actions.sort((a, b) -> Boolean.compare(!isUpload(a), !isUpload(b)));
    return new FillPlan(actions, pending, skipped);
  }

  private static boolean isUpload(FieldAction action) {
    return action.op() == Op.UPLOAD_RESUME || action.op() == Op.UPLOAD_COVER_LETTER;
  }

  /** An action; or nothing to do ({@code leave}); or a question for a human, with why. */
  private record Decision(FieldAction action, boolean leave, Reason reason) {
    static Decision act(FormField field, FieldKind kind, Source source, Op op, String value) {
      return new Decision(new FieldAction(field, kind, source, op, value), false, null);
    }

    static Decision ask(Reason reason) {
      return new Decision(null, false, reason);
    }

    static Decision leaveAlone() {
      return new Decision(null, true, null);
    }
  }

  private static Decision decide(FormField field, FieldKind kind, Applicant applicant) {
    Control control = field.control();
    if (control == Control.FILE) {
      if (kind == FieldKind.RESUME) {
        return applicant.resume().isPresent()
            ? Decision.act(field, kind, Source.PROFILE, Op.UPLOAD_RESUME, "")
            : Decision.ask(Reason.MISSING_FROM_PROFILE);
      }
      if (kind == FieldKind.COVER_LETTER_FILE) {
        return applicant.coverLetter().isPresent()
            ? Decision.act(field, kind, Source.PROFILE, Op.UPLOAD_COVER_LETTER, "")
            : Decision.ask(Reason.MISSING_FROM_PROFILE);
      }
      return Decision.ask(kind.sensitive() ? Reason.SENSITIVE : Reason.UNKNOWN);
    }

    Optional<String> answer = applicant.answer(field.question());
    if (answer.isPresent()) {
      return put(field, kind, Source.ANSWER, answer.get());
    }

    switch (kind.category()) {
      case SENSITIVE:
        return Decision.ask(Reason.SENSITIVE);
      case UNKNOWN:
        return Decision.ask(Reason.UNKNOWN);
      case ELIGIBILITY: {
        Reason reason = kind == FieldKind.SPONSORSHIP ? Reason.SPONSORSHIP : Reason.WORK_AUTHORIZATION;
        if (control == Control.TEXTAREA) {
          return Decision.ask(reason);     // asks for an explanation, not a yes or no
        }
        Optional<Boolean> yes = kind == FieldKind.SPONSORSHIP
            ? applicant.workAuthorization().requiresSponsorship()
            : applicant.workAuthorization().authorizedFor(field.label());
        if (yes.isEmpty()) {
          return Decision.ask(reason);
        }
        return put(field, kind, Source.PROFILE, yes.get() ? "Yes" : "No");
      }
      default: {
        Optional<String> value = applicant.text(kind);
        if (value.isEmpty()) {
          return Decision.ask(Reason.MISSING_FROM_PROFILE);
        }
        if (control == Control.CHECKBOX) {
          return Decision.ask(Reason.UNKNOWN);      // a profile text cannot tick a box
        }
        return put(field, kind, Source.PROFILE, value.get());
      }
    }
  }

  /** Puts a textual value into the field's control: typed, or matched to one of its options. */
  private static Decision put(FormField field, FieldKind kind, Source source, String value) {
    Control control = field.control();
    if (control.typesText()) {
      return Decision.act(field, kind, source, Op.TYPE, value);
    }
    if (control == Control.CHECKBOX) {
      Optional<Boolean> yes = yesNo(value);
      if (yes.isEmpty()) {
        return Decision.ask(Reason.NOT_AN_OPTION);
      }
      // An unticked box is the "no"; leaving it alone is the honest answer.
      return yes.get() ? Decision.act(field, kind, source, Op.CHECK, "") : Decision.leaveAlone();
    }
    Optional<String> option = matchOption(field.options(), value);
    if (option.isEmpty()) {
      return Decision.ask(Reason.NOT_AN_OPTION);
    }
    return Decision.act(field, kind, source, Op.CHOOSE, option.get());
  }

  /**
   * The option meaning {@code value}: the one equal to it once normalised; for a yes/no value, the one option that
   * is or starts with "Yes" / "No" ("Yes, I am authorized"). Nothing when no option or several match.
   */
  static Optional<String> matchOption(List<String> options, String value) {
    String wanted = Labels.normalise(value);
    for (String option : options) {
      if (Labels.normalise(option).equals(wanted)) {
        return Optional.of(option);
      }
    }
    Optional<Boolean> yes = yesNo(value);
    if (yes.isPresent()) {
      String word = yes.get() ? "yes" : "no";
      List<String> hits = options.stream()
          .filter(o -> {
            String n = Labels.normalise(o);
            return n.equals(word) || n.startsWith(word + " ");
          })
          .toList();
      if (hits.size() == 1) {
        return Optional.of(hits.get(0));
      }
    }
    return Optional.empty();
  }

  static Optional<Boolean> yesNo(String value) {
    return switch (Labels.normalise(value)) {
      case "yes", "y", "true", "ja", "oui", "si" -> Optional.of(true);
      case "no", "n", "false", "nein", "non" -> Optional.of(false);
      default -> Optional.empty();
    };
  }
}
