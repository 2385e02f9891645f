import { KeyObject, createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import fs from 'node:fs';

/** The Ed25519 key pair that signs access tokens. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SubjectPublicKeyInfo PEM of the public key, as GetPublicKeys returns it. */
  spkiPem: string;
  /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key: the default key id. */
  thumbprint: string;
}

/** Reads an Ed25519 private key in PKCS#8 PEM, as written by `openssl genpkey -algorithm ed25519`. */
export function loadSigningKey(file: string): SigningKey {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the key file: ${(error as NodeJS.ErrnoException).code ?? 'read failed'}`);
  }

  return parseSigningKey(pem);
}

export function parseSigningKey(pem: string): SigningKey {
  if (!pem.includes('-----BEGIN PRIVATE KEY-----')) {
    throw new Error('the key file is not a PKCS#8 PEM private key ("BEGIN PRIVATE KEY")');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    // The driver's message may quote key material; never pass it on.
    throw new Error('the key file contains no valid PKCS#8 private key');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`the key is ${privateKey.asymmetricKeyType ?? 'unknown'}, expected ed25519`);
  }
  const publicKey = createPublicKey(privateKey);

  return {
    privateKey,
    publicKey,
    spkiPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    thumbprint: jwkThumbprint(publicKey),
  };
}

/** RFC 7638 thumbprint of an OKP public key: SHA-256 of {"crv","kty","x"} in that order, base64url. */
export function jwkThumbprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });

  return createHash('sha256').update(canonical).digest('base64url');
}
