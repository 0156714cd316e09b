import { readFileSync } from 'node:fs'
import { examples } from '../test/docs.test.ts'
