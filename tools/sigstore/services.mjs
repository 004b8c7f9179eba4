// Local Sigstore services for keyless tests, built on sigstore's own test logic (@sigstore/mock): Fulcio, Rekor and a
// TSA behind one HTTP server on 127.0.0.1, plus an OIDC issuer that signs GitHub-shaped ID tokens.
//
//   node services.mjs --dir DIR [--port N]
//
// Writes DIR/trusted_root.json (the keys generated at start) and prints one JSON line {"url": ...} when ready.
// With --log FILE, appends "METHOD PATH" per request to FILE (the benches count requests per service with it).
//   POST /oidc/token            body: claims to set or override -> {"value": jwt} (test helper)
//   GET  /oidc/actions?audience=A with Authorization: bearer $REQUEST_TOKEN -> {"value": jwt} (GitHub Actions' shape)
//   POST /fulcio/api/v2/signingCert   Fulcio v2: the token is verified (signature, issuer, audience sigstore, expiry)
//                                     and the proof of possession (the key's signature over the token's sub) checked
//   POST /rekor/api/v1/log/entries    Rekor v1: a dsse entry is stored in Rekor's canonical form
//   POST /tsa/api/v1/timestamp        RFC 3161 timestamp of a JSON request {artifactHash, hashAlgorithm}
import { createServer } from 'node:http';
import { createHash, createPublicKey, generateKeyPairSync, verify as verifySignature } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as jose from 'jose';
import { fulcioHandler, initializeCA, initializeCTLog, initializeTLog, initializeTSA, tsaHandler } from '@sigstore/mock';
import { HashAlgorithm, PublicKeyDetails, TrustedRoot } from '@sigstore/protobuf-specs';

const { values } = parseArgs({ options: { dir: { type: 'string' }, port: { type: 'string', default: '0' }, log: { type: 'string' } } });
if (!values.dir) {
  process.stderr.write('--dir is required\n');
  process.exit(2);
}

export const REQUEST_TOKEN = 'local-actions-request-token';
const MAX_BODY = 1024 * 1024;
const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = (key) => key.export({ format: 'der', type: 'spki' });

const server = createServer((request, response) => {
  const chunks = [];
  let size = 0;
  request.on('data', (chunk) => {
    size += chunk.length;
    if (size > MAX_BODY) {
      response.writeHead(413).end('request too large');
      request.destroy();
      return;
    }
    chunks.push(chunk);
  });
  request.on('end', () => {
    route(request, Buffer.concat(chunks))
      .then(({ statusCode, response: body, contentType }) => {
        response.writeHead(statusCode, { 'content-type': contentType ?? 'application/json' });
        response.end(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
      })
      .catch((error) => response.writeHead(500).end(String(error?.message ?? error)));
  });
});

await new Promise((resolve) => server.listen(Number(values.port), '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const issuer = `${base}/oidc`;

const oidcKeys = await jose.generateKeyPair('ES256');
const ctKeys = keyPair();
const caKeys = keyPair();
const tlogKeys = keyPair();
const tsaKeys = keyPair();
const ctlog = await initializeCTLog(ctKeys);
const ca = await initializeCA(caKeys, ctlog);
const tlog = await initializeTLog(`${base}/rekor`, tlogKeys);
// The mock TSA writes genTime's milliseconds without trailing zeros ("...05.12Z"), which @sigstore/core's parser
// (exactly three digits) rejects about one time in ten; its clock is a Date it reads, so each request sets it to now
// with three significant digits.
const tsaClock = new Date();
const tsa = await initializeTSA(tsaKeys, tsaClock);
// Fulcio's GitHub issuer names the workflow file that ran (the callee of a reusable workflow) as the SAN.
const fulcio = fulcioHandler(ca, { strict: true, subjectClaim: 'slipway_workflow_uri' });
const timestamp = tsaHandler(tsa, { strict: true });

const json = (statusCode, value) => ({ statusCode, response: JSON.stringify(value) });
const fulcioError = (message) => json(400, { code: 400, message });

async function route(request, body) {
  const url = new URL(request.url, base);
  const path = url.pathname;
  if (values.log) appendFileSync(values.log, `${request.method} ${path}\n`);
  if (request.method === 'POST' && path === '/oidc/token') return json(200, { value: await mint(JSON.parse(body || '{}')) });
  if (request.method === 'GET' && path === '/oidc/actions') {
    if (request.headers.authorization !== `bearer ${REQUEST_TOKEN}`) return json(401, { message: 'bad request token' });
    return json(200, { value: await mint({ aud: url.searchParams.get('audience') ?? '' }) });
  }
  if (request.method === 'GET' && path === '/oidc/jwks') return json(200, { keys: [await jose.exportJWK(oidcKeys.publicKey)] });
  if (request.method === 'POST' && path === '/fulcio/api/v2/signingCert') return signingCert(body);
  if (request.method === 'POST' && path === '/rekor/api/v1/log/entries') return logEntry(body);
  if (request.method === 'POST' && path === '/tsa/api/v1/timestamp') {
    tsaClock.setTime(Math.floor(Date.now() / 1000) * 1000 + 111);
    return timestamp.fn(body.toString());
  }
  return json(404, { message: `no route ${request.method} ${path}` });
}

async function mint(overrides) {
  const now = Math.floor(Date.now() / 1000);
  const repository = overrides.repository ?? 'octo-org/octo-repo';
  const ref = overrides.ref ?? 'refs/heads/main';
  const claims = {
    sub: `repo:${repository}:ref:${ref}`,
    aud: 'sigstore',
    repository,
    repository_owner: repository.split('/')[0],
    ref,
    sha: 'a'.repeat(40),
    event_name: 'push',
    workflow: 'release',
    workflow_ref: `${repository}/.github/workflows/release.yml@${ref}`,
    job_workflow_ref: `${repository}/.github/workflows/release.yml@${ref}`,
    runner_environment: 'github-hosted',
    run_id: '1',
    run_attempt: '1',
    iat: now,
    nbf: now,
    exp: now + 300,
    ...overrides,
  };
  return new jose.SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'JWT' }).setIssuer(issuer).sign(oidcKeys.privateKey);
}

async function signingCert(body) {
  let request;
  try {
    request = JSON.parse(body.toString());
  } catch {
    return fulcioError('the request is not JSON');
  }
  const token = request?.credentials?.oidcIdentityToken;
  const key = request?.publicKeyRequest?.publicKey?.content;
  const proof = request?.publicKeyRequest?.proofOfPossession;
  if (!token || !key || !proof) return fulcioError('credentials.oidcIdentityToken and publicKeyRequest are required');
  let claims;
  try {
    ({ payload: claims } = await jose.jwtVerify(token, oidcKeys.publicKey, { issuer, audience: 'sigstore' }));
  } catch (error) {
    return fulcioError(`There was an error processing the identity token: ${error.message}`);
  }
  let valid = false;
  try {
    valid = verifySignature('sha256', Buffer.from(claims.sub), createPublicKey(key), Buffer.from(proof, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) return fulcioError('The signature supplied in the request could not be verified');
  // The mock CA reads the subject from the token it is handed; it is handed the verified claims plus the SAN.
  const forwarded = { ...claims, slipway_workflow_uri: `https://github.com/${claims.job_workflow_ref}` };
  const unsigned = ['{"alg":"none"}', JSON.stringify(forwarded)].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.';
  return fulcio.fn(JSON.stringify({ ...request, credentials: { oidcIdentityToken: unsigned } }));
}

// Rekor stores a dsse entry as its canonical body (envelope and payload hashes, signatures with their verifiers), not
// as proposed; that body is what verifiers compare against the bundle.
async function logEntry(body) {
  try {
    const proposed = JSON.parse(body.toString());
    if (proposed.kind !== 'dsse' || proposed.apiVersion !== '0.0.1') throw new Error(`unsupported entry ${proposed.kind} ${proposed.apiVersion}`);
    const raw = proposed.spec.proposedContent.envelope;
    const envelope = JSON.parse(raw);
    const verifiers = proposed.spec.proposedContent.verifiers;
    if (!Array.isArray(verifiers) || verifiers.length !== 1) throw new Error('exactly one verifier is required');
    const canonical = {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: { algorithm: 'sha256', value: createHash('sha256').update(raw).digest('hex') },
        payloadHash: { algorithm: 'sha256', value: createHash('sha256').update(Buffer.from(envelope.payload, 'base64')).digest('hex') },
        signatures: envelope.signatures.map((s) => ({ signature: s.sig, verifier: verifiers[0] })),
      },
    };
    return { statusCode: 201, response: JSON.stringify(await tlog.log(canonical)), contentType: 'application/json' };
  } catch (error) {
    return json(400, { code: 400, message: error.message });
  }
}

const start = new Date(Date.now() - 3600 * 1000);
const root = TrustedRoot.toJSON({
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [{
    baseUrl: `${base}/rekor`,
    hashAlgorithm: HashAlgorithm.SHA2_256,
    publicKey: { rawBytes: tlog.publicKey, keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256, validFor: { start } },
    logId: { keyId: createHash('sha256').update(tlog.publicKey).digest() },
  }],
  certificateAuthorities: [{
    subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
    uri: `${base}/fulcio`,
    certChain: { certificates: [{ rawBytes: Buffer.from(ca.rootCertificate.buffer) }] },
    validFor: { start },
  }],
  ctlogs: [{
    baseUrl: `${base}/ctlog`,
    hashAlgorithm: HashAlgorithm.SHA2_256,
    publicKey: { rawBytes: spki(ctKeys.publicKey), keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256, validFor: { start } },
    logId: { keyId: Buffer.from(ctlog.logID.buffer) },
  }],
  timestampAuthorities: [{
    subject: { organization: 'sigstore.mock', commonName: 'tsa' },
    uri: `${base}/tsa`,
    certChain: { certificates: [{ rawBytes: Buffer.from(tsa.intCertificate.buffer) }, { rawBytes: Buffer.from(tsa.rootCertificate.buffer) }] },
    validFor: { start },
  }],
});
writeFileSync(join(values.dir, 'trusted_root.json'), JSON.stringify(root, null, 2));
process.stdout.write(JSON.stringify({ url: base, issuer, requestToken: REQUEST_TOKEN }) + '\n');
