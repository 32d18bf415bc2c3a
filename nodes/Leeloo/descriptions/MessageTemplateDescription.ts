import type { INodeProperties } from 'n8n-workflow';

export const messageTemplateOperations: INodeProperties[] = [];

export const messageTemplateFields: INodeProperties[] = [];
