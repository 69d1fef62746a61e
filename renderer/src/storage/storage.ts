import type { Readable } from 'node:stream';

export interface StoredObject {
	size: number;
	contentType: string;
}

export interface ByteRange {
	start: number;
	/** Inclusive. */
	end: number;
}

/**
 * Where finished outputs live: the local disk by default, any S3-compatible bucket when configured.
 * Objects are written once from a file on disk and read back as streams (never whole into memory).
 */
export interface ObjectStorage {
	readonly kind: 'local' | 's3';
	putFile(key: string, filePath: string, contentType: string): Promise<StoredObject>;
	stat(key: string): Promise<StoredObject | undefined>;
	read(key: string, range?: ByteRange): Promise<Readable>;
	/** Copies an object to a local file (for remix and moderation of stored outputs). */
	download(key: string, filePath: string): Promise<void>;
	delete(key: string): Promise<void>;
	ready(): Promise<boolean>;
}
