/**
 * The C2PA worker thread's program. c2pa-node and c2pa-wasm are ES modules; running them in a
 * worker (plain Node `require`, which loads ES modules on Node ≥ 20.19) keeps hashing and signing
 * of large files off the API's event loop and works the same under jest, whose module system cannot
 * load them. Kept as source text so it needs no build step of its own.
 *
 * Messages in: {id, op:'sign', ...} | {id, op:'read', path, trustAnchorsPem}
 * Messages out: {id, ok:true, result} | {id, ok:false, error}
 */
export const C2PA_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const crypto = require('node:crypto');
const { Builder } = require(workerData.c2paNode.builder);
const { CallbackSigner } = require(workerData.c2paNode.signer);
const c2paWasm = require(workerData.c2paWasmPath);
c2paWasm.initSync({ module: readFileSync(workerData.c2paWasmBinaryPath) });

async function sign(msg) {
  const builder = Builder.withJson(msg.manifest);
  for (const ingredient of msg.ingredients) {
    if (ingredient.path) await builder.addIngredient(JSON.stringify(ingredient.json), { path: ingredient.path, mimeType: ingredient.mimeType });
    else await builder.addIngredient(JSON.stringify(ingredient.json));
  }
  const key = crypto.createPrivateKey(msg.keyPem);
  // C2PA's COSE ES256 signature is the raw r||s pair, not DER.
  const signer = CallbackSigner.newSigner(
    { alg: 'es256', certs: [Buffer.from(msg.chainPem)], reserveSize: 10000, directCoseHandling: false },
    async (data) => crypto.sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }),
  );
  await builder.signAsync(signer, { path: msg.inputPath, mimeType: msg.mimeType }, { path: msg.outputPath });
  return null;
}

async function read(msg) {
  const settings = msg.trustAnchorsPem
    ? JSON.stringify({ verify: { verify_trust: true }, trust: { trust_anchors: msg.trustAnchorsPem } })
    : JSON.stringify({ verify: { verify_trust: false } });
  let reader;
  try {
    reader = await c2paWasm.WasmReader.fromBytes(msg.mimeType, new Uint8Array(readFileSync(msg.path)), settings);
  } catch (error) {
    return { store: null, error: String(error && error.message || error) };
  }
  try {
    return { store: JSON.parse(reader.json()), error: null };
  } finally {
    reader.free();
  }
}

parentPort.on('message', (msg) => {
  const op = msg.op === 'sign' ? sign(msg) : read(msg);
  op.then(
    (result) => parentPort.postMessage({ id: msg.id, ok: true, result }),
    (error) => parentPort.postMessage({ id: msg.id, ok: false, error: String(error && error.message || error) }),
  );
});
`;
