import type { INodeProperties } from 'n8n-workflow';

export const callOperations: INodeProperties[] = [];

export const callFields: INodeProperties[] = [];
