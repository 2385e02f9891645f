import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK } from 'jose';
import { loadSigningKey, parseSigningKey } from './signing-key';

function ed25519Pem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

describe('signing keys', () => {
  it('loads a PKCS#8 Ed25519 key file', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'auth-key-')), 'auth.pem');
    fs.writeFileSync(file, ed25519Pem());

    const key = loadSigningKey(file);

    expect(key.spkiPem).toContain('-----BEGIN PUBLIC KEY-----');
    expect(key.thumbprint).toBe(await calculateJwkThumbprint(await exportJWK(key.publicKey), 'sha256'));
  });

  it('rejects a missing file without printing its content', () => {
    expect(() => loadSigningKey('/nonexistent/auth.pem')).toThrow('cannot read the key file: ENOENT');
  });

  it('rejects keys of another type', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });

    expect(() => parseSigningKey(rsa.toString())).toThrow('the key is rsa, expected ed25519');
  });

  it('rejects garbage and public keys', () => {
    expect(() => parseSigningKey('hello')).toThrow('not a PKCS#8 PEM private key');
    expect(() => parseSigningKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n')).toThrow(
      'no valid PKCS#8 private key',
    );
  });
});
