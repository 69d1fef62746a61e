// jest runs each test file in its own realm; onnxruntime-node and some native addons check
// `instanceof Float32Array` against the host realm's constructor, so share the host's.
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
	'ArrayBuffer',
	'SharedArrayBuffer',
	'DataView',
	'Buffer',
	'Int8Array',
	'Uint8Array',
	'Uint8ClampedArray',
	'Int16Array',
	'Uint16Array',
	'Int32Array',
	'Uint32Array',
	'Float32Array',
	'Float64Array',
	'BigInt64Array',
	'BigUint64Array',
];

class SharedTypedArrayEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		for (const name of SHARED) this.global[name] = globalThis[name];
	}
}

module.exports = SharedTypedArrayEnvironment;
