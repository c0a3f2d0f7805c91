package io.agora.gateway.boot;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** `agora serve` refuses bad options with exit code 2 and a line naming the option, before starting anything. */
class ServeOptionsTest {

    private static String refused(String... argv) {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new GatewayMain.Serve()).setErr(new PrintWriter(err)).execute(argv);
        assertThat(code).isEqualTo(2);
        return err.toString();
    }

    @Test
    void aPortThatIsNotANumberIsNamed() {
        assertThat(refused("--port", "eighty")).contains("--port").contains("eighty");
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertThat(refused("--colour", "red")).contains("--colour");
    }

    @Test
    void aDatabaseUrlThatIsNotPostgresqlNamesTheOptionAndTheForm() {
        assertThatThrownBy(() -> Database.external("mysql://db/x", "u", "p"))
                .hasMessageContaining("--db-url").hasMessageContaining("postgresql://HOST[:PORT]/DATABASE");
    }
}
