package com.jobswipe.automation.browser;

/** The applicant tracking systems with an adapter of their own; everything else is {@link #GENERIC}. */
public enum AtsKind { GREENHOUSE, LEVER, ASHBY, GENERIC }
