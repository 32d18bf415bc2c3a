import type { INodeProperties } from 'n8n-workflow';

export const tunnelOperations: INodeProperties[] = [];

export const tunnelFields: INodeProperties[] = [];
