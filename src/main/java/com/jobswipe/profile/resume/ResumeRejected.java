package com.jobswipe.profile.resume;

import java.util.Objects;

/**
 * A resume we will not parse, with a reason the user can act on. The message is written for the user and never
 * quotes the file; the cause, when there is one, is for the log only.
 */
public final class ResumeRejected extends RuntimeException {

  /** Why a resume was refused. {@link #code()} is stable and safe to put on the wire; ordinals are not. */
  public enum Reason {
    TOO_LARGE("too-large", "This file is too large for a resume. Upload a smaller PDF or DOCX."),
    UNSUPPORTED_TYPE("unsupported-type", "This file type isn't supported. Upload your resume as a PDF or a DOCX."),
    TYPE_MISMATCH("type-mismatch",
        "This file's contents don't match its name or type. Save it again as a PDF or DOCX and upload that file."),
    ENCRYPTED("encrypted",
        "This file is password-protected. Remove the password (or export an unprotected copy) and upload it again."),
    MALFORMED("malformed",
        "This file is damaged or incomplete and could not be read. Export it again and upload the new file."),
    TOO_MANY_PAGES("too-many-pages", "This document has too many pages for a resume."),
    ZIP_BOMB("zip-bomb", "This file expands to an unreasonable size when opened, so it was not processed."),
    NO_TEXT("no-text", "This PDF has no extractable text (it looks like a scan); upload a text PDF or DOCX."),
    TIMEOUT("timeout", "This file took too long to read. Export it again as a simpler PDF or DOCX and retry.");

    private final String code;
    private final String userMessage;

    Reason(String code, String userMessage) {
      this.code = code;
      this.userMessage = userMessage;
    }

    public String code() {
      return code;
    }

    public String userMessage() {
      return userMessage;
    }
  }

  private final Reason reason;

  public ResumeRejected(Reason reason) {
    this(reason, reason.userMessage(), null);
  }

  public ResumeRejected(Reason reason, Throwable cause) {
    this(reason, reason.userMessage(), cause);
  }

  /** {@code userMessage} must not contain anything read from the file. */
  public ResumeRejected(Reason reason, String userMessage, Throwable cause) {
    super(Objects.requireNonNull(userMessage, "userMessage"), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Reason reason() {
    return reason;
  }

  /** The text to show the user: the reason's message, sometimes with the limit that was hit. */
  public String userMessage() {
    return getMessage();
  }
}
