import type { ResourceStatement } from '../../syntax/generated/ast.js';
import type { Loc, OptionSections, Resource } from '../../drbd/model.js';
import { tokenNumber } from '../../drbd/options/index.js';
import { expectedToken } from '../../drbd/options/parse-errors.js';
import type { DuplicateCode } from '../../drbd/diagnostic-codes.js';
import { UniqTable } from '../../drbd/post-parse/uniq.js';
import { buildConnection, buildMesh } from './build-connection.js';
import { braceLine, optionsAsPlugin, pluginOptions } from './build-address.js';
import type { BuildContext } from './build-context.js';
import { buildHostSection, buildStackedSection } from './build-host.js';
import { buildOptions } from './build-options.js';
import { applyVolumeStatement, buildVolumeSection, insertVolume, volume0 } from './build-volume.js';
import { locOf, locOfProperty } from './loc.js';

export function emptyOptionSections(): OptionSections {
    return { netOptions: [], diskOptions: [], pdOptions: [], resOptions: [], startupOptions: [], handlers: [], proxyOptions: [], proxyPlugins: [] };
}

/** Reads `template-file` (its content is a `common {}` section). */
export type TemplateReader = (ctx: BuildContext, res: Resource, file: string, at: Loc) => void;

/**
 * parse_resource: the statements of a `resource NAME {}` body (or of `common {}` / a template,
 * where host sections are not allowed).
 */
export function buildResourceBody(ctx: BuildContext, res: Resource, statements: readonly ResourceStatement[], readTemplate: TemplateReader): void {
    ctx.resourceUniq = new UniqTable(ctx.report);
    for (const statement of statements) {
        // Option sections need their location only for a message: read when first asked for, once.
        let loc: Loc | undefined;
        const at = () => (loc ??= locOf(statement, ctx.file));
        const once: Once = (code, key) => ctx.resourceUniq.check(code, `${res.name}:${key}`, at, ctx.file);
        switch (statement.$type) {
            case 'WordStatement':
                if (statement.name !== 'protocol') {
                    expectedInResource(ctx, statement.name, locOfProperty(statement, 'name', ctx.file));
                    break;
                }
                ctx.resourceUniq.check('protocol-statement/duplicate', `${res.name}: protocol`, at, ctx.file);
                res.netOptions.push(...buildOptions(ctx, [statement], 'net').net ?? []);
                break;
            case 'HostSection':
            case 'FloatingSection':
            case 'ThisHostSection':
                buildHostSection(ctx, res, statement, at());
                break;
            case 'StackedSection':
                buildStackedSection(ctx, res, statement, at());
                break;
            case 'OptionsSection':
                applyOptionsSection(ctx, res, statement, once);
                break;
            case 'DiskStatement':
            case 'MetaDiskStatement':
                applyVolumeStatement(ctx, volume0(ctx, res.volumes, at()), statement, undefined, at());
                break;
            case 'DeviceStatement':
                once('device-statement/duplicate', 'device');
                applyVolumeStatement(ctx, volume0(ctx, res.volumes, at()), statement, undefined, at());
                break;
            case 'VolumeSection':
                insertVolume(res.volumes, buildVolumeSection(ctx, statement, undefined, at()));
                break;
            case 'ConnectionSection':
                res.connections.push(buildConnection(ctx, statement, at()));
                break;
            case 'MeshSection':
                buildMesh(ctx, res, statement, at());
                break;
            case 'TemplateFile':
                // Without its file name the statement is a syntax error, reported already.
                if (statement.file !== undefined) readTemplate(ctx, res, statement.file, at());
                break;
            case 'ProxySection':
                if (statement.on) {
                    expectedInResource(ctx, 'proxy', at());
                    break;
                }
                once('proxy-section/duplicate', 'proxy');
                for (const inner of statement.statements) {
                    const proxyLine = braceLine(ctx, statement);
                    if (inner.$type === 'OptionStatement') {
                        res.proxyOptions.push(...buildOptions(ctx, [inner], 'proxy', { proxyLine }).proxy ?? []);
                    } else if (inner.$type === 'ProxyPlugins') {
                        res.proxyPlugins.push(...pluginOptions(ctx, inner));
                    } else if (inner.$type === 'ProxyOptions') {
                        res.proxyPlugins.push(...optionsAsPlugin(ctx, inner));
                    } else {
                        // `inside`/`outside` are no proxy options here: a plugin name without its `{`
                        ctx.report.error('syntax/expected', 'expected "{" after "proxy" keyword', locOf(inner, ctx.file), proxyLine);
                        ctx.report.exit(10);
                    }
                }
                break;
            case 'SkipSection':
                break;
        }
    }
}

type Once = (code: DuplicateCode, key: string) => void;

function applyOptionsSection(ctx: BuildContext, res: Resource, statement: Extract<ResourceStatement, { $type: 'OptionsSection' }>, once: Once): void {
    switch (statement.kind) {
        case 'disk': {
            once('disk-section/duplicate', 'disk');
            const lists = buildOptions(ctx, statement.options, 'disk', { fencingIsNet: true });
            res.diskOptions.push(...lists.disk ?? []);
            res.pdOptions.push(...lists['peer-device'] ?? []);
            if (lists.device) (res.deviceOptions ??= []).push(...lists.device);
            res.netOptions.push(...lists.net ?? []);
            return;
        }
        case 'net':
            once('net-section/duplicate', 'net');
            res.netOptions.push(...buildOptions(ctx, statement.options, 'net').net ?? []);
            return;
        case 'syncer': {
            once('syncer-section/duplicate', 'syncer');
            const lists = buildOptions(ctx, statement.options, 'syncer');
            res.netOptions.push(...lists.net ?? []);
            res.diskOptions.push(...lists.disk ?? []);
            res.resOptions.push(...lists.resource ?? []);
            res.pdOptions.push(...lists['peer-device'] ?? []);
            return;
        }
        case 'startup':
            once('startup-section/duplicate', 'startup');
            res.startupOptions.push(...buildOptions(ctx, statement.options, 'startup').startup ?? []);
            res.stackedTimeouts ||= statement.options.some((o) => o.name === 'stacked-timeouts');
            return;
        case 'handlers':
            once('handlers-section/duplicate', 'handlers');
            res.handlers.push(...buildOptions(ctx, statement.options, 'handlers').handlers ?? []);
            return;
        case 'options':
            once('resource-options-section/duplicate', 'res_options');
            res.resOptions.push(...buildOptions(ctx, statement.options, 'options').resource ?? []);
            return;
    }
}

export function expectedInResource(ctx: BuildContext, got: string, loc: Loc): void {
    // parse_resource()'s pe_expected_got: with the token number.
    ctx.report.error('syntax/expected',
        expectedToken('protocol | on | disk | net | syncer | startup | handlers | connection | ignore-on | stacked-on-top-of | skip', got, tokenNumber(got)), loc);
    ctx.report.exit(10);
}
