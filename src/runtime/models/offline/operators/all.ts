/** Every operator, in a fixed order (the order only breaks ties between equal scores of one node). */
import type { RepairOperatorImpl } from '../operator';
import { arithmeticSwap } from './arithmeticSwap';
import { booleanFlip } from './booleanFlip';
import { comparisonFlip } from './comparisonFlip';
import { guardInsertion } from './guardInsertion';
import { identifierReplace } from './identifierReplace';
import { indexOffByOne } from './indexOffByOne';
import { literalOffByOne } from './literalOffByOne';
import { logicalSwap } from './logicalSwap';
import { methodSwap } from './methodSwap';
import { negateCondition } from './negateCondition';
import { optionalChain } from './optionalChain';
import { returnBoundary } from './returnBoundary';
import { swapArguments } from './swapArguments';

export const ALL_OPERATORS: readonly RepairOperatorImpl[] = [
  comparisonFlip,
  arithmeticSwap,
  guardInsertion,
  indexOffByOne,
  swapArguments,
  literalOffByOne,
  logicalSwap,
  negateCondition,
  returnBoundary,
  methodSwap,
  identifierReplace,
  booleanFlip,
  optionalChain,
];
