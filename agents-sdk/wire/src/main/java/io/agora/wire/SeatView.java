package io.agora.wire;

/**
 * A bot's seat in a market.
 *
 * @param marketId the market
 * @param seat     the seat id (reports are filed for it)
 * @param index    its position, 1-based
 * @param bot      the bot holding it
 */
public record SeatView(String marketId, String seat, int index, String bot) {
}
