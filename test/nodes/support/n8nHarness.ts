/**
 * Runs Reelforge nodes through n8n's own execution engine (n8n-core's WorkflowExecute), so
 * `httpRequestWithAuthentication`, `continueOnFail`, pairedItem checks, `putExecutionToWait` and
 * the binary-data helpers are n8n's real code. The only hand-made part is the credentials helper:
 * in n8n it lives in the CLI package (database + encryption), here it hands out one credential
 * and applies the credential type's generic `authenticate` headers the way n8n does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const userFolder = mkdtempSync(join(tmpdir(), 'reelforge-n8n-'));
// n8n-core reads its settings from the environment when its services are first built.
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_ENCRYPTION_KEY ??= 'reelforge-test-encryption-key';
process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL ??= 'silent';

// n8n-core ships its own copy of the DI container; its services are registered there.
import { Container } from 'n8n-core/node_modules/@n8n/di';
import { BinaryDataService, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	ITaskData,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, Workflow } from 'n8n-workflow';
import { ReelforgeApi } from '../../../credentials/ReelforgeApi.credentials';

export interface Credential {
	baseUrl: string;
	apiKey: string;
}

class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {}
	getByName(name: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(name);
	}
	getByNameAndVersion(name: string): INodeType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}
	getKnownTypes() {
		return {};
	}
}

/** Resolves `={{$credentials.x}}`-style templates, as n8n's credential helper does for generic auth. */
function resolveTemplate(value: string, credentials: ICredentialDataDecryptedObject): string {
	if (!value.startsWith('=')) return value;
	return value.slice(1).replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(credentials[key] ?? ''));
}

class SingleCredentialHelper extends ICredentialsHelper {
	constructor(
		private readonly type: ICredentialType,
		private readonly data: ICredentialDataDecryptedObject,
	) {
		super();
	}
	getParentTypes(): string[] {
		return [];
	}
	isCredentialUsableByNode(): boolean {
		return true;
	}
	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		if (typeName !== this.type.name) throw new Error(`Unknown credential type ${typeName}`);
		const auth = this.type.authenticate;
		if (!auth || typeof auth === 'function') return requestOptions;
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		for (const [name, value] of Object.entries(auth.properties.headers ?? {})) headers[name] = resolveTemplate(String(value), credentials);
		return { ...requestOptions, headers };
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the Reelforge nodes');
	}
	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	getCredentialsProperties() {
		return this.type.properties;
	}
}

let binaryReady: Promise<void> | undefined;
async function ensureBinaryData(): Promise<void> {
	binaryReady ??= Container.get(BinaryDataService).init();
	await binaryReady;
}

export interface RunNodeOptions {
	/** The node class instance, e.g. `new ReelforgeGenerate()`. */
	nodeType: INodeType;
	parameters: INodeParameters;
	input: IDataObject[] | INodeExecutionData[];
	credential: Credential;
	continueOnFail?: boolean;
	executionId?: string;
	mode?: WorkflowExecuteMode;
}

export interface NodeRun {
	run: IRun;
	task: ITaskData;
	/** The node's outputs (one array per output), or undefined when the node failed. */
	outputs: INodeExecutionData[][] | undefined;
	error: ITaskData['error'];
	executionData: IRunExecutionData;
	workflow: Workflow;
	node: INode;
}

let executionCounter = 0;

/** Executes one node on the given input items the way n8n runs a workflow step. */
export async function runNode(options: RunNodeOptions): Promise<NodeRun> {
	await ensureBinaryData();
	const typeName = `n8n-nodes-reelforge.${options.nodeType.description.name}`;
	const node: INode = {
		id: 'node-under-test',
		name: options.nodeType.description.defaults.name ?? 'Node',
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { reelforgeApi: { id: '1', name: 'Reelforge test key' } },
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'Reelforge node test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new NodeTypes({ [typeName]: options.nodeType }),
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const executionId = options.executionId ?? `test-${process.pid}-${++executionCounter}`;
	const mode = options.mode ?? 'manual';
	const items: INodeExecutionData[] = options.input.map((entry, i) => {
		const item = 'json' in entry && typeof entry.json === 'object' ? (entry as INodeExecutionData) : { json: entry as IDataObject };
		return { ...item, pairedItem: { item: i } };
	});
	const executionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	const additionalData = {
		credentialsHelper: new SingleCredentialHelper(new ReelforgeApi(), { ...options.credential }),
		hooks: new ExecutionLifecycleHooks(mode, executionId, { id: workflow.id, name: workflow.name, nodes: [node], connections: {}, active: false, settings: {}, isArchived: false, createdAt: new Date(), updatedAt: new Date(), activeVersionId: null } as never),
		executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		userId: 'test-user',
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used by the Reelforge nodes');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('code tasks are not used by the Reelforge nodes');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	const run = await new WorkflowExecute(additionalData, mode, executionData).processRunExecutionData(workflow);
	const task = run.data.resultData.runData[node.name]?.[0];
	if (!task) throw new Error(`n8n did not run ${node.name}: ${JSON.stringify(run.data.resultData.error ?? run.status)}`);
	return {
		run,
		task,
		outputs: task.data?.main as INodeExecutionData[][] | undefined,
		error: task.error ?? run.data.resultData.error,
		executionData: run.data,
		workflow,
		node,
	};
}

/** Reads a binary property the node produced back as bytes, through n8n's binary-data service. */
export async function readBinary(item: INodeExecutionData, property = 'data'): Promise<Buffer> {
	const binary = item.binary?.[property];
	if (!binary) throw new Error(`item has no binary "${property}"`);
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

export function removeHarnessFolder(): void {
	rmSync(userFolder, { recursive: true, force: true });
}
