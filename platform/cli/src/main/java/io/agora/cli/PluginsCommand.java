package io.agora.cli;

import io.agora.api.Mechanism;
import io.agora.api.Parameter;
import io.agora.api.ParameterSchema;
import io.agora.api.ReportComponent;
import io.agora.api.StrategyPolicy;
import io.agora.api.lm.LanguageModelProvider;
import io.agora.runtime.plugins.GuardedMechanism;
import io.agora.runtime.plugins.Installed;
import io.agora.runtime.plugins.PluginHost;
import io.agora.wire.ReportJson;
import org.pf4j.PluginWrapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.Map;

/** {@code agora plugins}: the loaded plugins, their mechanisms, strategies and language models, and every parameter. */
@Command(name = "plugins", description = "List the installed plugins, mechanisms, strategies and language models with their parameters.")
final class PluginsCommand implements Runnable {
    @ParentCommand
    AgoraCommand parent;

    @Override
    public void run() {
        PrintStream out = parent.out;
        try (PluginHost host = parent.host()) {
            out.println("Plugins:");
            for (PluginWrapper p : host.plugins()) {
                out.printf("  %s %s  %s%n", p.getPluginId(), p.getDescriptor().getVersion(), p.getDescriptor().getPluginDescription());
            }
            out.println();
            out.println("Mechanisms:");
            for (Installed<Mechanism> m : host.mechanisms().values()) {
                out.printf("  %s  (plugin %s)%n    %s%n", m.extension().id(), m.pluginId(), m.extension().description());
                print(out, m.extension().parameters());
                out.println("    report (with the default parameters):");
                for (ReportComponent c : GuardedMechanism.prepare(m, Map.of()).shape().components()) {
                    out.printf("      %-24s %s%n", c.name(), ReportJson.describe(c));
                }
            }
            out.println();
            out.println("Strategies:");
            for (Installed<StrategyPolicy> s : host.strategies().values()) {
                out.printf("  %s  (plugin %s)%n    %s%n", s.extension().id(), s.pluginId(), s.extension().description());
                print(out, s.extension().parameters());
            }
            out.println();
            out.println("Language models:");
            for (Installed<LanguageModelProvider> m : host.models().values()) {
                out.printf("  %s  (plugin %s)%n    %s%n", m.extension().id(), m.pluginId(), m.extension().description());
                print(out, m.extension().parameters());
            }
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static void print(PrintStream out, ParameterSchema schema) {
        for (Parameter p : schema.parameters()) {
            String rule = switch (p.type()) {
                case CHOICE -> String.join("|", p.choices());
                case NUMBER, INTEGER -> p.type().name().toLowerCase()
                        + (p.min() == null ? "" : (p.minExclusive() ? " > " : " >= ") + number(p.min()))
                        + (p.max() == null ? "" : " <= " + number(p.max()));
                default -> p.type().name().toLowerCase().replace('_', ' ');
            };
            out.printf("      %-24s %-34s default %-18s %s%n", p.name(), rule,
                    p.defaultValue() == null ? "(none)" : p.defaultValue(), p.description());
        }
    }
}
