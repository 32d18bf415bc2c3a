import type { INodeProperties } from 'n8n-workflow';

export const communicationChannelOperations: INodeProperties[] = [];

export const communicationChannelFields: INodeProperties[] = [];
