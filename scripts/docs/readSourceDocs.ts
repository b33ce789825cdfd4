/**
 * Reads documentation that lives only in TypeScript source (JSDoc lines, string-literal unions) with
 * the TypeScript compiler API, so the README is generated from the code, not from a copy of it.
 */
import ts from 'typescript';

/** One documented member: its name and the text of its JSDoc comment ('' when it has none). */
export interface MemberDoc {
  name: string;
  doc: string;
}

function parse(fileName: string, sourceText: string): ts.SourceFile {
  return ts.createSourceFile(fileName, sourceText, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

function docOf(node: ts.Node): string {
  const texts = ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '');
  return texts.join('\n').replace(/\s+/g, ' ').trim();
}

function memberName(name: ts.PropertyName, source: ts.SourceFile): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : name.getText(source);
}

function fail(fileName: string, what: string): never {
  throw new Error(`${fileName}: ${what} not found`);
}

/** The properties of `const NAME = { … }` (also `{ … } as const`), with their JSDoc. */
export function readObjectMemberDocs(fileName: string, sourceText: string, constName: string): MemberDoc[] {
  const source = parse(fileName, sourceText);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || decl.name.text !== constName || !decl.initializer) continue;
      let init: ts.Expression = decl.initializer;
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (!ts.isObjectLiteralExpression(init)) fail(fileName, `object literal ${constName}`);
      return init.properties.filter(ts.isPropertyAssignment).map((p) => ({ name: memberName(p.name, source), doc: docOf(p) }));
    }
  }
  return fail(fileName, `const ${constName}`);
}

/** The members of `interface NAME { … }`, with their JSDoc. */
export function readInterfaceMemberDocs(fileName: string, sourceText: string, interfaceName: string): MemberDoc[] {
  const source = parse(fileName, sourceText);
  const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === interfaceName);
  if (!decl) fail(fileName, `interface ${interfaceName}`);
  return decl.members.filter(ts.isPropertySignature).map((m) => ({ name: memberName(m.name, source), doc: docOf(m) }));
}

/** The string literals of `type NAME = 'A' | 'B' | …`, in source order. */
export function readStringUnion(fileName: string, sourceText: string, typeName: string): string[] {
  const source = parse(fileName, sourceText);
  const decl = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === typeName);
  if (!decl) fail(fileName, `type ${typeName}`);
  const members = ts.isUnionTypeNode(decl.type) ? decl.type.types : [decl.type];
  return members.map((m) => {
    if (ts.isLiteralTypeNode(m) && ts.isStringLiteral(m.literal)) return m.literal.text;
    return fail(fileName, `string literal in ${typeName} (found ${m.getText(source)})`);
  });
}
