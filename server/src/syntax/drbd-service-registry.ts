import { DefaultServiceRegistry, type LangiumCoreServices, type URI } from 'langium';

/**
 * One language serves every file: an `include` may name a file of any name, and the editor
 * decides by its own language id which open files are DRBD.
 */
export class DrbdServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        return this.all[0] ?? super.getServices(uri);
    }

    override hasServices(): boolean {
        return this.all.length > 0;
    }
}
