package io.agora.runtime.plugins;

import io.agora.api.Mechanism;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;

import java.nio.file.Path;

/**
 * PF4J's manager with one change: a plugin's class loader delegates to the loader of the plugin API rather than to
 * PF4J's own. They are the same on a flat class path; they differ inside containers that load the application apart
 * from its libraries (Quarkus, in tests), where PF4J's default would hand plugins a second copy of the API and
 * every extension would be rejected as "of a different class loader".
 */
final class ApiFirstPluginManager extends DefaultPluginManager {
    private static final ClassLoader API = Mechanism.class.getClassLoader();

    ApiFirstPluginManager(Path folder) {
        super(folder);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader()
                .add(new JarLoader(this))
                .add(new FolderLoader(this));
    }

    private static final class JarLoader extends JarPluginLoader {
        JarLoader(PluginManager manager) {
            super(manager);
        }

        @Override
        public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
            PluginClassLoader loader = new PluginClassLoader(pluginManager, descriptor, API);
            loader.addFile(pluginPath.toFile());
            return loader;
        }
    }

    private static final class FolderLoader extends DefaultPluginLoader {
        FolderLoader(PluginManager manager) {
            super(manager);
        }

        @Override
        protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new PluginClassLoader(pluginManager, descriptor, API);
        }
    }
}
