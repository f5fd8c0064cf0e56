package com.jobswipe.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The event bus's mutual TLS material, as PEM text: the cluster's own CA (the only one trusted), this node's
 * certificate (chain) issued by it, and the node's private key. Each variable holds either the PEM itself (what
 * {@code fly secrets set} stores) or the path of a PEM file.
 */
public record ClusterTls(String caPem, String certificatePem, String keyPem) {

  static final String CA = "JOBSWIPE_CLUSTER_TLS_CA";
  static final String CERT = "JOBSWIPE_CLUSTER_TLS_CERT";
  static final String KEY = "JOBSWIPE_CLUSTER_TLS_KEY";

  static Optional<ClusterTls> from(Settings s) {
    Optional<String> ca = s.optionalString(CA, "cluster.tls.ca");
    Optional<String> cert = s.optionalString(CERT, "cluster.tls.cert");
    Optional<String> key = s.optionalString(KEY, "cluster.tls.key");
    if (ca.isEmpty() && cert.isEmpty() && key.isEmpty()) {
      return Optional.empty();
    }
    String caPem = pem(CA, ca.orElseThrow(() -> new ConfigException(CA, "is required when " + CERT + " or " + KEY
        + " is set")));
    String certPem = pem(CERT, cert.orElseThrow(() -> new ConfigException(CERT, "is required when " + CA
        + " is set")));
    String keyPem = pem(KEY, key.orElseThrow(() -> new ConfigException(KEY, "is required when " + CA + " is set")));
    List<X509Certificate> authorities = certificates(CA, caPem);
    X509Certificate node = certificates(CERT, certPem).get(0);
    // Checked here so a wrong pairing stops startup with one line instead of failing every handshake later.
    if (authorities.stream().noneMatch(authority -> issued(authority, node))) {
      throw new ConfigException(CERT, "is not issued by the certificate in " + CA);
    }
    if (!keyPem.contains("PRIVATE KEY-----") || keyPem.contains("ENCRYPTED PRIVATE KEY")) {
      throw new ConfigException(KEY, "expected an unencrypted PEM private key (-----BEGIN PRIVATE KEY-----)");
    }
    return Optional.of(new ClusterTls(caPem, certPem, keyPem));
  }

  /** The value itself when it is PEM text, else the contents of the file it names. */
  private static String pem(String variable, String value) {
    if (value.startsWith("-----BEGIN")) {
      return value;
    }
    try {
      String text = Files.readString(Path.of(value), StandardCharsets.US_ASCII);
      if (!text.contains("-----BEGIN")) {
        throw new ConfigException(variable, value + " holds no PEM block");
      }
      return text;
    } catch (NoSuchFileException e) {
      throw new ConfigException(variable, "is neither PEM text nor an existing file (" + value + ")");
    } catch (IOException e) {
      throw new ConfigException(variable, "cannot read " + value + " (" + e.getMessage() + ")");
    }
  }

  private static List<X509Certificate> certificates(String variable, String pem) {
    try {
      List<X509Certificate> certificates = new ArrayList<>();
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
          .forEach(certificate -> certificates.add((X509Certificate) certificate));
      if (certificates.isEmpty()) {
        throw new ConfigException(variable, "holds no certificate");
      }
      return certificates;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(variable, "is not a PEM certificate (" + e.getMessage() + ")");
    }
  }

  private static boolean issued(X509Certificate authority, X509Certificate node) {
    try {
      node.verify(authority.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "ClusterTls[ca and node certificate set, key set]";
  }
}
