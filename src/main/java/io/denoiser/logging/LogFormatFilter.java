package io.denoiser.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Locale;

/**
 * Lets through the events of the one console appender whose format was chosen ({@code DENOISER_LOG_FORMAT}):
 * {@code json}, or readable text for anything else, so a misspelt choice still logs. Both appenders stay
 * attached, because an appender chosen by name would leave the other unreferenced, and logback prints its
 * whole configuration status on every start when it warns of that.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {

    static final String JSON = "json";

    private String format = "";
    private String chosen = "";

    /** The format of the appender this filter guards: {@code json} or {@code text}. */
    public void setFormat(String format) {
        this.format = format.trim().toLowerCase(Locale.ROOT);
    }

    /** The format the operator chose. */
    public void setChosen(String chosen) {
        this.chosen = chosen.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        boolean json = JSON.equals(chosen);
        return json == JSON.equals(format) ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}
