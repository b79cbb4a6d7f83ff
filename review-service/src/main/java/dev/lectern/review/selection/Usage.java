package dev.lectern.review.selection;

/** How much of a track's or format's capacity the accepted proposals use; capacity null means not limited. */
public record Usage(int accepted, Integer capacity) {

    public boolean over() {
        return capacity != null && accepted > capacity;
    }
}
