/** Where a caller's uploads live in storage: per API key, so one key never reads another's. */
export const uploadKey = (keyId: string, uploadId: string) => `uploads/${keyId}/${uploadId}`;
