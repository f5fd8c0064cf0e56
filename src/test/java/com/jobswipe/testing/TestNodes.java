package com.jobswipe.testing;

import com.jobswipe.config.AppConfig;
import com.jobswipe.config.ConfigLoader;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Configuration for a node under test: the shipped defaults plus the given environment. */
public final class TestNodes {

  private TestNodes() {
  }

  public static AppConfig config(Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("JOBSWIPE_HTTP_HOST", "127.0.0.1");
    all.put("JOBSWIPE_API_INSTANCES", "2");
    all.put("JOBSWIPE_SHUTDOWN_GRACE_SECONDS", "5");
    all.put("JOBSWIPE_DATA_DIR", Path.of("target", "test-data").toString());
    all.putAll(env);
    return ConfigLoader.load(all);
  }
}
