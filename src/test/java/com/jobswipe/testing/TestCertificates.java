package com.jobswipe.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for {@code localhost} / {@code 127.0.0.1}, made by the JDK's own keytool: a
 * PKCS#12 key store for the test server and the certificate as PEM for the client to trust, so TLS in tests is
 * checked like in production (chain and host name), not switched off.
 */
public record TestCertificates(Path keyStore, String password, Path certificatePem) {

  public static TestCertificates create(Path directory) {
    try {
      Files.createDirectories(directory);
      String name = "tls-" + UUID.randomUUID();
      Path store = directory.resolve(name + ".p12");
      Path pem = directory.resolve(name + ".pem");
      String password = "test-" + UUID.randomUUID();
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      run(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
          "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password, "-keypass", password));
      run(List.of(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(),
          "-storepass", password, "-file", pem.toString()));
      return new TestCertificates(store, password, pem);
    } catch (IOException e) {
      throw new IllegalStateException("keytool failed", e);
    }
  }

  private static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + new String(process.getInputStream().readAllBytes()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
