export const VALIDATORS_DIR: string
/** File name in schemas/validators/ → generated content. */
export function generateValidators(): Record<string, string>
