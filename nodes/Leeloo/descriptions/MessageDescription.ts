import type { INodeProperties } from 'n8n-workflow';

export const messageOperations: INodeProperties[] = [];

export const messageFields: INodeProperties[] = [];
