// The types of lazy-undici.cjs: undici's own FormData class.
export declare function formDataClass(): typeof import('undici').FormData
