package com.jobswipe.testing;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

/**
 * A cluster's own certificate authority, made in memory per test run, that issues node certificates the way
 * an operator would with openssl (EC P-256, usable as TLS client and server). {@link #nodeEnv} gives the
 * {@code JOBSWIPE_CLUSTER_TLS_*} variables of a node it certified.
 */
public final class ClusterCertificates {

  private final X500Name name;
  private final KeyPair keys;
  private final X509Certificate certificate;

  private ClusterCertificates(X500Name name, KeyPair keys, X509Certificate certificate) {
    this.name = name;
    this.keys = keys;
    this.certificate = certificate;
  }

  public static ClusterCertificates authority(String commonName) {
    try {
      X500Name name = new X500Name("CN=" + commonName);
      KeyPair keys = ecKeyPair();
      Instant now = Instant.now();
      var builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return new ClusterCertificates(name, keys, sign(builder, keys));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make the test CA", e);
    }
  }

  /** The CA certificate as PEM: what every node of the cluster trusts. */
  public String caPem() {
    return pem("CERTIFICATE", encoded(certificate));
  }

  /** A new node key and certificate: PEM contents of the CA, the node's certificate and its PKCS#8 key. */
  public Map<String, String> nodeEnv(String nodeName) {
    try {
      KeyPair node = ecKeyPair();
      Instant now = Instant.now();
      var builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + nodeName), node.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      X509Certificate issued = sign(builder, keys);
      return Map.of(
          "JOBSWIPE_CLUSTER_TLS_CA", caPem(),
          "JOBSWIPE_CLUSTER_TLS_CERT", pem("CERTIFICATE", encoded(issued)),
          "JOBSWIPE_CLUSTER_TLS_KEY", pem("PRIVATE KEY", node.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot issue a node certificate", e);
    }
  }

  /** The same variables, but naming PEM files written under {@code directory} (the other form an operator uses). */
  public Map<String, String> nodeFiles(String nodeName, Path directory) {
    try {
      Files.createDirectories(directory);
      Map<String, String> env = nodeEnv(nodeName);
      Path ca = Files.writeString(directory.resolve(nodeName + "-ca.pem"), env.get("JOBSWIPE_CLUSTER_TLS_CA"));
      Path cert = Files.writeString(directory.resolve(nodeName + ".pem"), env.get("JOBSWIPE_CLUSTER_TLS_CERT"));
      Path key = Files.writeString(directory.resolve(nodeName + ".key"), env.get("JOBSWIPE_CLUSTER_TLS_KEY"));
      return Map.of("JOBSWIPE_CLUSTER_TLS_CA", ca.toString(), "JOBSWIPE_CLUSTER_TLS_CERT", cert.toString(),
          "JOBSWIPE_CLUSTER_TLS_KEY", key.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws GeneralSecurityException, IOException {
    try {
      return new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }
}
