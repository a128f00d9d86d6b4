package io.denoiser.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The shipped logback.xml, configured as the environment of a pod would configure it. */
class LogbackConfigurationTest {

    @Test
    void shouldWriteOneJsonObjectPerLineWhenAskedForJson() throws Exception {
        List<String> lines = logged(Map.of("DENOISER_LOG_FORMAT", "json"), logger -> {
            logger.info("model {} v{} adopted", "unet \"s2\"", 7);
            logger.error("pass failed\non two lines", new IllegalStateException("out of memory"));
        });

        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode info = json.readTree(lines.get(0));
        assertThat(info.get("level").asText()).isEqualTo("INFO");
        assertThat(info.get("loggerName").asText()).isEqualTo("io.denoiser.Example");
        assertThat(info.get("formattedMessage").asText()).isEqualTo("model unet \"s2\" v7 adopted");
        JsonNode error = json.readTree(lines.get(1));
        assertThat(error.get("formattedMessage").asText()).isEqualTo("pass failed\non two lines");
        assertThat(error.get("throwable").toString()).contains("out of memory");
    }

    @Test
    void shouldWriteReadableLinesAtTheLevelAskedForByDefault() throws Exception {
        List<String> lines = logged(Map.of("DENOISER_LOG_LEVEL", "WARN"), logger -> {
            logger.info("not shown");
            logger.warn("shown");
        });

        assertThat(lines).singleElement().asString().endsWith(" WARN  [main] Example - shown");
    }

    @Test
    void shouldFallBackToReadableLinesForAFormatItDoesNotKnow() throws Exception {
        List<String> lines = logged(Map.of("DENOISER_LOG_FORMAT", "jsn"), logger -> logger.warn("shown"));

        assertThat(lines).singleElement().asString().endsWith(" WARN  [main] Example - shown");
    }

    @Test
    void shouldConfigureWithoutAWarningThatWouldPrintLogbacksStatusOnEveryStart() throws Exception {
        for (String format : new String[] {"text", "json"}) {
            LoggerContext context = configured(Map.of("DENOISER_LOG_FORMAT", format));

            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .as(format).allSatisfy(status -> assertThat(status.getLevel()).isEqualTo(Status.INFO));
            context.stop();
        }
    }

    /** What {@code logging} writes to the console through a fresh context configured with these variables. */
    @SuppressWarnings("unchecked")
    private static List<String> logged(Map<String, String> variables, Consumer<Logger> logging) throws Exception {
        LoggerContext context = configured(variables);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        for (String appender : new String[] {"text", "json"}) {
            ((OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(appender))
                    .setOutputStream(written);
        }
        logging.accept(context.getLogger("io.denoiser.Example"));
        context.stop();
        return written.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static LoggerContext configured(Map<String, String> variables) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        variables.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogbackConfigurationTest.class.getResource("/logback.xml"));
        return context;
    }
}
