import type { INodeProperties } from 'n8n-workflow';
import type { RecordMapper } from '../../shared/response/vocabulary';
import type { Route } from '../engine/routing';

// What one operation is, in one place: everything else the node holds about it (the Operation
// options, which operations show a shared parameter, the collections, its routing, its output and
// its tool description) is derived from these declarations by nodes/Leeloo/assembly.ts.

export type CollectionName = 'additionalFields' | 'updateFields' | 'filters' | 'options';

export interface Operation extends Route {
	/** The endpoints of docs/leeloo-api.md it calls (E05). */
	endpoint: string;
	/** The `operation` value (public: docs/leeloo-api.md, never renamed). */
	value: string;
	name: string;
	action: string;
	description: string;
	/**
	 * Its top-level parameters, in the order the editor shows them: its own definitions or shared
	 * ones (resources/shared.ts). A parameter is shown exactly for the operations that list it.
	 */
	parameters?: INodeProperties[];
	/** The options it adds to the node's collections (one collection of each name for the node). */
	collections?: Partial<Record<CollectionName, INodeProperties[]>>;
	/** Simplify (version 1.1 on): the mapper of its records (shared/response/vocabulary.ts). */
	output: RecordMapper;
	/** Version 1's Simplify, where it had one. */
	outputV1?: RecordMapper;
	/** Ids its route reads that its records lack, added to each before mapping. */
	recordIds?: string[];
	/** What an AI agent is told it does, when the node is a tool (editable by the user). */
	tool: string;
}

export interface Resource {
	/** The `resource` value (public, never renamed). */
	value: string;
	displayName: string;
	/** What its records are called: "No people match in Leeloo". */
	records: string;
	defaultOperation: string;
	/** In the editor's order (n8n's lint: alphabetical by name). */
	operations: Operation[];
}
