// The types of lazy-modules.cjs: each function returns the package's own module.
export declare function marked(): typeof import('marked')
