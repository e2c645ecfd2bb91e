import Crypto
import Foundation
import NIOSSL
import X509

/// A self-signed certificate for `localhost`, made afresh for a test, with its key: what a
/// test server presents and its client is told to trust.
struct TestCertificate: Sendable {
    let certificatePEM: String
    let privateKeyPEM: String

    static func make() throws -> TestCertificate {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName { CommonName("localhost") }
        let now = Date()
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(3600),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                SubjectAlternativeNames([.dnsName("localhost")])
            },
            issuerPrivateKey: .init(key)
        )
        return TestCertificate(certificatePEM: try certificate.serializeAsPEM().pemString, privateKeyPEM: key.pemRepresentation)
    }

    func serverContext() throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem))
        )
        return try NIOSSLContext(configuration: configuration)
    }

    /// Writes the certificate to a file of its own, for a client to trust; answers its path.
    func trustFile() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parley-smtp-\(UUID().uuidString).pem").path
        try Data(certificatePEM.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
