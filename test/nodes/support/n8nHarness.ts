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

import { dirname } from 'node:path';
import type { Container as ContainerType } from '@n8n/di';
import {
	BinaryDataService,
	ExecutionLifecycleHooks,
	HookContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
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
	IWebhookData,
	IWebhookResponseData,
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
	return value
		.slice(1)
		.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) =>
			String(credentials[key] ?? ''),
		);
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
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (typeName !== this.type.name) throw new Error(`Unknown credential type ${typeName}`);
		const auth = this.type.authenticate;
		if (!auth || typeof auth === 'function') return requestOptions;
		const headers = { ...(requestOptions.headers ?? {}) } as IDataObject;
		for (const [name, value] of Object.entries(auth.properties.headers ?? {}))
			headers[name] = resolveTemplate(String(value), credentials);
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

/**
 * n8n-core's services are registered in the DI container n8n-core itself resolves, which npm may
 * install nested under n8n-core (another version than the root one); ask from n8n-core's folder.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Container } = require(
	require.resolve('@n8n/di', { paths: [dirname(require.resolve('n8n-core'))] }),
) as { Container: typeof ContainerType };

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
	executionId: string;
}

let executionCounter = 0;

export interface RigOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	credential: Credential;
	continueOnFail?: boolean;
	/** Where n8n's webhook URLs (and resume URLs) point; a test may run a server there. */
	baseUrl?: string;
	webhookId?: string;
	/** Sub-nodes feeding the node under test through an AI connection (e.g. a chat model). */
	subNodes?: Array<{ name: string; nodeType: INodeType; connectionType: string }>;
}

/** One workflow holding the node under test, and n8n's additional data for a run of it. */
export interface Rig {
	workflow: Workflow;
	node: INode;
	additionalData(executionId: string, mode?: WorkflowExecuteMode): IWorkflowExecuteAdditionalData;
}

export function createRig(options: RigOptions): Rig {
	const typeName = `n8n-nodes-reelforge.${options.nodeType.description.name}`;
	const node: INode = {
		id: 'node-under-test',
		name: options.nodeType.description.defaults.name ?? 'Node',
		type: typeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { reelforgeApi: { id: '1', name: 'Reelforge test key' } },
		...(options.webhookId ? { webhookId: options.webhookId } : {}),
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const subNodes: INode[] = (options.subNodes ?? []).map((sub, i) => ({
		id: `sub-node-${i}`,
		name: sub.name,
		type: `test.${sub.nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 200 * (i + 1)],
		parameters: {},
	}));
	const connections = Object.fromEntries(
		(options.subNodes ?? []).map((sub) => [
			sub.name,
			{ [sub.connectionType]: [[{ node: node.name, type: sub.connectionType, index: 0 }]] },
		]),
	);
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'Reelforge node test',
		nodes: [node, ...subNodes],
		connections: connections as never,
		active: false,
		nodeTypes: new NodeTypes({
			[typeName]: options.nodeType,
			...Object.fromEntries(
				(options.subNodes ?? []).map((sub) => [
					`test.${sub.nodeType.description.name}`,
					sub.nodeType,
				]),
			),
		}),
		staticData: {},
		settings: { executionOrder: 'v1' },
	});
	const base = (options.baseUrl ?? 'http://127.0.0.1:5678').replace(/\/+$/, '');
	const credentialsHelper = new SingleCredentialHelper(new ReelforgeApi(), {
		...options.credential,
	});
	const additionalData = (executionId: string, mode: WorkflowExecuteMode = 'manual') =>
		({
			credentialsHelper,
			hooks: new ExecutionLifecycleHooks(mode, executionId, {
				id: workflow.id,
				name: workflow.name,
				nodes: [node],
				connections: {},
				active: false,
				settings: {},
				isArchived: false,
				createdAt: new Date(),
				updatedAt: new Date(),
				activeVersionId: null,
			} as never),
			executionId,
			currentNodeExecutionIndex: 0,
			restApiUrl: `${base}/rest`,
			instanceBaseUrl: `${base}/`,
			formBaseUrl: `${base}/form`,
			formWaitingBaseUrl: `${base}/form-waiting`,
			formTestBaseUrl: `${base}/form-test`,
			webhookBaseUrl: `${base}/webhook`,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			webhookTestBaseUrl: `${base}/webhook-test`,
			mcpBaseUrl: `${base}/mcp`,
			mcpTestBaseUrl: `${base}/mcp-test`,
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
		}) as unknown as IWorkflowExecuteAdditionalData;
	return { workflow, node, additionalData };
}

/** Executes the rig's node on the given items the way n8n runs a workflow step. */
export async function executeRig(
	rig: Rig,
	input: RunNodeOptions['input'],
	{ executionId, mode = 'manual' }: { executionId?: string; mode?: WorkflowExecuteMode } = {},
): Promise<NodeRun> {
	await ensureBinaryData();
	const { workflow, node } = rig;
	const id = executionId ?? `test-${process.pid}-${++executionCounter}`;
	const items: INodeExecutionData[] = input.map((entry, i) => {
		const item =
			'json' in entry && typeof entry.json === 'object'
				? (entry as INodeExecutionData)
				: { json: entry as IDataObject };
		return { ...item, pairedItem: { item: i } };
	});
	const executionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	const run = await new WorkflowExecute(
		rig.additionalData(id, mode),
		mode,
		executionData,
	).processRunExecutionData(workflow);
	const task = run.data.resultData.runData[node.name]?.[0];
	if (!task)
		throw new Error(
			`n8n did not run ${node.name}: ${JSON.stringify(run.data.resultData.error ?? run.status)}`,
		);
	return {
		run,
		task,
		outputs: task.data?.main as INodeExecutionData[][] | undefined,
		error: task.error ?? run.data.resultData.error,
		executionData: run.data,
		workflow,
		node,
		executionId: id,
	};
}

/** Executes one node on the given input items the way n8n runs a workflow step. */
export async function runNode(
	options: RunNodeOptions & Pick<RigOptions, 'subNodes'>,
): Promise<NodeRun> {
	return await executeRig(createRig(options), options.input, {
		executionId: options.executionId,
		mode: options.mode,
	});
}

/** What the node's webhook answered: n8n's response data, or what it wrote itself (e.g. a 401). */
export interface WebhookCall {
	result: IWebhookResponseData;
	status?: number;
	body?: unknown;
}

/**
 * Calls the node's `webhook()` through n8n-core's WebhookContext, as n8n's webhook server does
 * for a request that reached the node. The request/response objects carry only what an express
 * request/response offers the Reelforge nodes (body, rawBody, headers; status().json()).
 */
export async function callWebhook(
	rig: Rig,
	request: { body: unknown; rawBody?: Buffer; headers?: Record<string, string> },
	{ executionId = 'webhook-call', runExecutionData = null as IRunExecutionData | null } = {},
): Promise<WebhookCall> {
	await ensureBinaryData();
	const answer: { status?: number; body?: unknown } = {};
	const response = {
		status(code: number) {
			answer.status = code;
			return response;
		},
		json(body: unknown) {
			answer.body = body;
			return response;
		},
		end() {
			return response;
		},
	};
	const additionalData = rig.additionalData(executionId, 'webhook');
	additionalData.httpRequest = {
		body: request.body,
		rawBody: request.rawBody,
		headers: request.headers ?? {},
		query: {},
		params: {},
	} as never;
	additionalData.httpResponse = response as never;
	const description = rig.workflow.nodeTypes.getByNameAndVersion(rig.node.type).description
		.webhooks?.[0];
	const webhookData = {
		httpMethod: 'POST',
		node: rig.node.name,
		path: String(description?.path ?? ''),
		webhookDescription: description,
		workflowId: rig.workflow.id,
		workflowExecuteAdditionalData: additionalData,
	} as unknown as IWebhookData;
	const context = new WebhookContext(
		rig.workflow,
		rig.node,
		additionalData,
		'webhook',
		webhookData,
		[],
		runExecutionData,
	);
	const nodeType = rig.workflow.nodeTypes.getByNameAndVersion(rig.node.type) as INodeType;
	const result = await nodeType.webhook!.call(context);
	return { result, ...answer };
}

/** Runs one of the node's webhookMethods (checkExists / create / delete) through n8n-core's HookContext. */
export async function callHook(
	rig: Rig,
	method: 'checkExists' | 'create' | 'delete',
): Promise<boolean> {
	const nodeType = rig.workflow.nodeTypes.getByNameAndVersion(rig.node.type) as INodeType;
	const additionalData = rig.additionalData('activation', 'trigger');
	const description = nodeType.description.webhooks?.[0];
	const webhookData = {
		httpMethod: 'POST',
		node: rig.node.name,
		path: String(description?.path ?? ''),
		webhookDescription: description,
		workflowId: rig.workflow.id,
		workflowExecuteAdditionalData: additionalData,
	} as unknown as IWebhookData;
	const context = new HookContext(
		rig.workflow,
		rig.node,
		additionalData,
		'trigger',
		'activate',
		webhookData,
	);
	return (await nodeType.webhookMethods!.default![method].call(context)) as boolean;
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
