/**
 * An identity provider's SAML metadata as an example (the REST API reference, the API's own
 * tests): a real certificate of a made-up IdP whose private key nobody kept.
 */
export const EXAMPLE_IDP_CERTIFICATE =
  "MIIDFzCCAf+gAwIBAgIUILaWtXZWtz+Kc18KswYKO1cBmvgwDQYJKoZIhvcNAQELBQAwGjEYMBYGA1UEAwwPaWRwLmV4YW1wbGUuY29tMCAXDTI2MTIwNzE1NDgzNFoYDzIxMjYxMTEzMTU0ODM0WjAaMRgwFgYDVQQDDA9pZHAuZXhhbXBsZS5jb20wggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQC3WyzXWH3/ESlU8Aigj6QrxKAk/HShXPJkg9wYLZakwRWyE8niJlnHU//iQExX2JGmiUjbQtAxJhGNBQGmVZZrRWMK/IDevPhm8ssqJUbUiRhdshntVQLWQ6Q3XTUTZSAPYnrkSalpKAKZCFI91lyukcvgGaLn2GEp4TrQX22UVAJke+A/qe4mHZu24w73OluE2bmRr9gRaGyThN6hcBQ5f7X1+/PRnQCRnz2r4raQx17UTEkpiCdwxlNRD2p0/nxeuGl891wcBE3WuDaZ4IWawdHVNAy+0QPtnlQ/1NRXWlJdEE8hmbHdf1vruwaozdrLIdIyJTlrvmRU42PUe2FtAgMBAAGjUzBRMB0GA1UdDgQWBBRJNOgW5lfDEWXhksfTxKizaryfwDAfBgNVHSMEGDAWgBRJNOgW5lfDEWXhksfTxKizaryfwDAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQAp9bp0/v9PFsc9KyNfhHXPfu8YL6+6QnEYMca/b37ZD1Xrw6sHnZPbYAwEFYr+5OuE+WleVg+AHhMQpvKSH1hOK87WELBgkHc7J/ceW2JTvLDu2ZQv4kZ2O4fJQDHzSCimklOmaZtnujVLiqodQO6QMQaaVzS3Xy5nevUUF+kratWdi9b5xzTBGOaR6P9VsFFw79GYrajMdrtZDIb4QHOZt+o8qA2NQRBsXrCbnn5GuZNLOpKRIvvIQS+3+pVQfYrcCv6aCV0RkfdoXDJNj/i7HgtCb6+8rvarZxMwmkqdCP2+XUsmWDbrEx0sL5dOPw23RTuUrL0x9G938MNxymy+";

export function exampleIdpMetadata(entityId = "https://idp.example.com/saml", ssoUrl = "https://idp.example.com/saml/sso", certificate = EXAMPLE_IDP_CERTIFICATE): string {
  return `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}"><IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><KeyDescriptor use="signing"><KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><X509Data><X509Certificate>${certificate}</X509Certificate></X509Data></KeyInfo></KeyDescriptor><SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl}"/></IDPSSODescriptor></EntityDescriptor>`;
}
