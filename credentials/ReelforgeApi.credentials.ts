import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class ReelforgeApi implements ICredentialType {
	name = 'reelforgeApi';

	displayName = 'Reelforge API';

	icon: Icon = {
		light: 'file:../nodes/shared/icons/reelforge.svg',
		dark: 'file:../nodes/shared/icons/reelforge.dark.svg',
	};

	documentationUrl = 'https://github.com/reelforge/reelforge/blob/main/docs/nodes.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://127.0.0.1:8080',
			required: true,
			description: 'Where the Reelforge renderer listens',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'A key made with "reelforge keys create"',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/capabilities',
		},
	};
}
