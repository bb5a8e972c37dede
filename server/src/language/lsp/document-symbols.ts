import type { AstNode, LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import type {
    ConnectionSection, DrbdFile, FloatingSection, HostSection, MeshSection, ResourceSection, StackedSection, VolumeSection,
} from '../../syntax/generated/ast.js';
import { nodeRange, propertyRange, textAt } from './node-ranges.js';

function symbol(node: AstNode, name: string, kind: SymbolKind, children?: DocumentSymbol[], nameProperty?: string, detail?: string): DocumentSymbol {
    const range = nodeRange(node);
    const out: DocumentSymbol = { name, kind, range, selectionRange: nameProperty ? propertyRange(node, nameProperty) : range };
    if (children?.length) out.children = children;
    if (detail) out.detail = detail;
    return out;
}

function compact<T>(items: (T | undefined)[]): T[] {
    return items.filter((i): i is T => i !== undefined);
}

function volumeSymbol(v: VolumeSection): DocumentSymbol | undefined {
    return symbol(v, `volume ${v.number}`, SymbolKind.Struct, undefined, 'number');
}

type HostLike = HostSection | FloatingSection | StackedSection;

function hostName(h: HostLike): string {
    if (h.$type === 'HostSection') return `on ${h.names.join(' ')}`;
    if (h.$type === 'StackedSection') return `stacked-on-top-of ${h.lower}`;
    return `floating ${h.address ? textAt(h, nodeRange(h.address)) : ''}`;
}

function hostSymbol(h: HostLike): DocumentSymbol | undefined {
    const volumes = compact(h.statements.filter((s) => s.$type === 'VolumeSection').map(volumeSymbol));
    const property = h.$type === 'HostSection' ? 'names' : h.$type === 'StackedSection' ? 'lower' : 'address';
    return symbol(h, hostName(h), SymbolKind.Class, volumes, property);
}

/** `connection hw1 - hw2`: named after the hosts of its endpoints and paths. */
function connectionSymbol(c: ConnectionSection): DocumentSymbol | undefined {
    const endpoints = c.statements.flatMap((s) => (s.$type === 'Endpoint' ? [s] : s.$type === 'PathSection' ? s.endpoints : []));
    const names = [...new Set(endpoints.map((e) => e.name ?? (e.address ? textAt(e, nodeRange(e.address)) : e.kind)))];
    return symbol(c, `connection ${names.join(' - ')}`.trim(), SymbolKind.Interface);
}

function meshSymbol(m: MeshSection): DocumentSymbol | undefined {
    const hosts = m.statements.flatMap((s) => (s.$type === 'MeshHosts' ? s.names : []));
    return symbol(m, `connection-mesh ${hosts.join(' ')}`.trim(), SymbolKind.Interface);
}

function resourceSymbol(r: ResourceSection): DocumentSymbol | undefined {
    const children = compact(r.statements.map((s) => {
        switch (s.$type) {
            case 'HostSection':
            case 'FloatingSection':
            case 'StackedSection':
                return hostSymbol(s);
            case 'VolumeSection':
                return volumeSymbol(s);
            case 'ConnectionSection':
                return connectionSymbol(s);
            case 'MeshSection':
                return meshSymbol(s);
            default:
                return undefined;
        }
    }));
    return symbol(r, r.name ?? '', SymbolKind.Namespace, children, 'name', 'resource');
}

/** The outline: global, common, includes, and resources with their hosts, volumes and connections. */
export function documentSymbols(file: DrbdFile): DocumentSymbol[] {
    return compact(file.statements.map((s) => {
        switch (s.$type) {
            case 'ResourceSection':
                return resourceSymbol(s);
            case 'GlobalSection':
            case 'CommonSection':
                return symbol(s, s.$type === 'GlobalSection' ? 'global' : 'common', SymbolKind.Namespace);
            case 'IncludeStatement':
                return symbol(s, `include ${s.pattern ?? ''}`, SymbolKind.File, undefined, 'pattern');
            default:
                return undefined;
        }
    }));
}

export class DrbdDocumentSymbolProvider implements DocumentSymbolProvider {
    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        return documentSymbols(document.parseResult.value as DrbdFile);
    }
}
