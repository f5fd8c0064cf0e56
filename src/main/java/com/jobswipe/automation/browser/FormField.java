package com.jobswipe.automation.browser;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One question of a form as the page scan saw it. Values are never part of it: only what the employer's markup
 * says about the field.
 *
 * @param key the scan's handle on the control ({@code data-jobswipe-key}); radios of one group share it
 * @param control what kind of control answers it
 * @param label the visible question text (label, legend, the ATS's question title, aria-label), as shown
 * @param name the {@code name} attribute, or empty
 * @param id the {@code id} attribute, or empty
 * @param placeholder the placeholder, or empty
 * @param autocomplete the {@code autocomplete} attribute, or empty
 * @param required marked required (attribute, aria-required, an asterisk in the label, the ATS's required marker)
 * @param visible rendered where a person could see it; hidden text fields are honeypots and never filled
 * @param options the choices of a select, radio group, checkbox group, combobox or yes/no pair, in page order
 * @param form the index of the form it belongs to in {@code document.forms}, or -1
 * @param formId the id of that form, or empty (Greenhouse uploads files through forms of their own)
 */
public record FormField(String key, Control control, String label, String name, String id, String placeholder,
                        String autocomplete, boolean required, boolean visible, List<String> options, int form,
                        String formId) {

  private static final AtomicLong DESCRIBED = new AtomicLong();

  /** The kinds of control the filler can operate. */
  public enum Control {
    TEXT, EMAIL, TEL, URL, NUMBER, DATE, TEXTAREA, SELECT, RADIO, CHECKBOX, CHECKBOX_GROUP, FILE, COMBOBOX,
    /** Two buttons, Yes and No (Ashby's boolean questions). */
    YES_NO;

    /** Answered by picking one of {@link FormField#options()}. */
    public boolean choosesOption() {
      return this == SELECT || this == RADIO || this == CHECKBOX_GROUP || this == COMBOBOX || this == YES_NO;
    }

    /** Answered by typing text. */
    public boolean typesText() {
      return this == TEXT || this == EMAIL || this == TEL || this == URL || this == NUMBER || this == DATE
          || this == TEXTAREA;
    }

    /** The lower-case name a pending question reports ({@code "select"}, {@code "yes_no"}, …). */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public FormField {
    Objects.requireNonNull(key);
    Objects.requireNonNull(control);
    label = label == null ? "" : label.strip();
    name = name == null ? "" : name;
    id = id == null ? "" : id;
    placeholder = placeholder == null ? "" : placeholder;
    autocomplete = autocomplete == null ? "" : autocomplete;
    options = options == null ? List.of() : List.copyOf(options);
    formId = formId == null ? "" : formId;
  }

  /** A field with just the descriptive parts, for mapping and tests; each gets a key of its own. */
  public static FormField of(Control control, String label, String name, String id, String placeholder,
                             String autocomplete, boolean required, List<String> options) {
    return new FormField("t" + DESCRIBED.incrementAndGet(), control, label, name, id, placeholder, autocomplete,
        required, true, options, 0, "");
  }

  /** The normalised label: the key under which a human's answer is stored. */
  public String question() {
    String normalised = Labels.normalise(label);
    return normalised.isEmpty() ? Labels.normalise(placeholder.isEmpty() ? displayName() : placeholder) : normalised;
  }

  /** What reports call the field: its name, else its id, else its label. Never a value. */
  public String displayName() {
    if (!name.isEmpty()) {
      return name;
    }
    if (!id.isEmpty()) {
      return id;
    }
    return label.isEmpty() ? placeholder : label;
  }

  public FormField withOptions(List<String> newOptions) {
    return new FormField(key, control, label, name, id, placeholder, autocomplete, required, visible, newOptions, form,
        formId);
  }
}
