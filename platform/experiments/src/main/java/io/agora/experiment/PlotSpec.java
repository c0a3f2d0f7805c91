package io.agora.experiment;

/**
 * A curve to draw for every sweep: a metric's mean (with a 95% interval) against the sweep's first varied
 * path, one series per combination of the other varied paths.
 *
 * @param metric     the metric, such as {@code g1.deltaValue}
 * @param title      the chart title
 * @param logX       whether the x axis is logarithmic
 * @param boundSlope when not NaN, a reference line {@code y = boundSlope·x} is drawn
 * @param boundLabel the legend label of the reference line
 */
public record PlotSpec(String metric, String title, boolean logX, double boundSlope, String boundLabel) {
}
