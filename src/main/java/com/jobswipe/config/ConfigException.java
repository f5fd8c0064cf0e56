package com.jobswipe.config;

/** A configuration value is missing or wrong. The message names the variable, so startup can print it as one line. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
  }
}
