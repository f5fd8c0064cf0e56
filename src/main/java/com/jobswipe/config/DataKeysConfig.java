package com.jobswipe.config;

import java.util.Optional;

/**
 * AES-256 keys for personal data at rest.
 *
 * @param keys {@code kid:base64key,kid2:base64key}; the first encrypts, all decrypt. Empty: a key is generated
 *             once and kept in the data dir (single-node default)
 */
public record DataKeysConfig(Optional<String> keys) {

  static DataKeysConfig from(Settings s) {
    return new DataKeysConfig(s.optionalString("JOBSWIPE_DATA_KEYS", "dataKeys"));
  }
}
