package com.jobswipe.notification.push;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A throwaway certificate authority and a server certificate it signed for {@code localhost} and
 * {@code 127.0.0.1}, made in memory per test run. Clients under test trust only the CA, as they would trust
 * Apple's or Google's roots, and verify the host name against the server certificate.
 */
public final class TestPki {

  private final X509Certificate ca;
  private final X509Certificate server;
  private final PrivateKey serverKey;

  private TestPki(X509Certificate ca, X509Certificate server, PrivateKey serverKey) {
    this.ca = ca;
    this.server = server;
    this.serverKey = serverKey;
  }

  public static TestPki create() throws GeneralSecurityException {
    KeyPair caKeys = ecKeyPair();
    KeyPair serverKeys = ecKeyPair();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=JobSwipe Test CA");
    try {
      X509v3CertificateBuilder caCert = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(Duration.ofHours(1))),
          Date.from(now.plus(Duration.ofDays(1))), caName, caKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509v3CertificateBuilder serverCert = new JcaX509v3CertificateBuilder(caName, serial(),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
          new X500Name("CN=localhost"), serverKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      return new TestPki(converter.getCertificate(caCert.build(signer)),
          converter.getCertificate(serverCert.build(signer)), serverKeys.getPrivate());
    } catch (OperatorCreationException | java.io.IOException e) {
      throw new GeneralSecurityException("cannot build the test certificates", e);
    }
  }

  /** EC P-256, the curve APNs signing keys use too. */
  static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  public X509Certificate ca() {
    return ca;
  }

  /** Server certificate first, then the CA: what a server sends in its handshake. */
  X509Certificate[] serverChain() {
    return new X509Certificate[] {server, ca};
  }

  PrivateKey serverKey() {
    return serverKey;
  }

  String caPem() {
    return pem("CERTIFICATE", encoded(ca));
  }

  String serverChainPem() {
    return pem("CERTIFICATE", encoded(server)) + pem("CERTIFICATE", encoded(ca));
  }

  String serverKeyPem() {
    return pem("PRIVATE KEY", serverKey.getEncoded());
  }

  public static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom());
  }
}
