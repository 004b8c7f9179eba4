// Verifies one Sigstore bundle Slipway wrote, with sigstore's own verifier (@sigstore/verify), then checks what
// @sigstore/verify leaves to its caller: that the DSSE statement names the expected subject digest and predicate type.
//
//   node verify.mjs --bundle FILE --digest sha256:HEX [--predicate-type URI]
//                   (--key PUBLIC.pem | --trusted-root trusted_root.json [--identity SAN] [--issuer URL])
//
// Prints one JSON object ({"ok":true,...} or {"ok":false,"code":...,"error":...}); exits 0 only when verified.
import { readFileSync } from 'node:fs';
import { createHash, createPublicKey } from 'node:crypto';
import { parseArgs } from 'node:util';
import { bundleFromJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';

const { values } = parseArgs({
  options: {
    bundle: { type: 'string' },
    digest: { type: 'string' },
    'predicate-type': { type: 'string' },
    key: { type: 'string' },
    'trusted-root': { type: 'string' },
    identity: { type: 'string' },
    issuer: { type: 'string' },
  },
});

function fail(code, error) {
  process.stdout.write(JSON.stringify({ ok: false, code, error }) + '\n');
  process.exit(1);
}

function emptyRoot() {
  return TrustedRoot.fromJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [],
  });
}

try {
  if (!values.bundle || !values.digest) fail('USAGE', '--bundle and --digest are required');
  const bundle = bundleFromJSON(JSON.parse(readFileSync(values.bundle, 'utf8')));
  let verifier;
  let policy;
  if (values.key) {
    // Key-signed: the key map is found by the bundle's hint, cosign's base64 SHA-256 of the PKIX key; no tlog, CT log
    // or timestamp is required (thresholds 0).
    const der = createPublicKey(readFileSync(values.key, 'utf8')).export({ type: 'spki', format: 'der' });
    const hint = createHash('sha256').update(der).digest('base64');
    const keys = { [hint]: { rawBytes: der, keyDetails: 'PKIX_ECDSA_P256_SHA_256' } };
    verifier = new Verifier(toTrustMaterial(emptyRoot(), keys), { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 });
  } else if (values['trusted-root']) {
    const root = TrustedRoot.fromJSON(JSON.parse(readFileSync(values['trusted-root'], 'utf8')));
    verifier = new Verifier(toTrustMaterial(root), { tlogThreshold: 1, ctlogThreshold: 1, timestampThreshold: 1 });
    if (values.identity || values.issuer) {
      policy = { subjectAlternativeName: values.identity, extensions: values.issuer ? { issuer: values.issuer } : undefined };
    }
  } else {
    fail('USAGE', 'either --key or --trusted-root is required');
  }

  const signer = verifier.verify(toSignedEntity(bundle), policy);
  if (bundle.content.$case !== 'dsseEnvelope') fail('SUBJECT_ERROR', 'the bundle holds no DSSE envelope');
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== 'application/vnd.in-toto+json') fail('SUBJECT_ERROR', `payload type ${envelope.payloadType}`);
  const statement = JSON.parse(Buffer.from(envelope.payload).toString('utf8'));
  const [algorithm, hex] = values.digest.split(':');
  if (!(statement.subject ?? []).some((s) => s.digest?.[algorithm] === hex)) {
    fail('SUBJECT_ERROR', `the statement's subjects do not name ${values.digest}`);
  }
  if (values['predicate-type'] && statement.predicateType !== values['predicate-type']) {
    fail('SUBJECT_ERROR', `predicate type ${statement.predicateType}, not ${values['predicate-type']}`);
  }
  process.stdout.write(JSON.stringify({
    ok: true,
    predicateType: statement.predicateType,
    identity: signer.identity?.subjectAlternativeName ?? null,
  }) + '\n');
} catch (error) {
  fail(error.code ?? error.name ?? 'ERROR', error.message);
}
