package media

// gifFrames walks a GIF's blocks without decoding them and answers how
// many frames it has and their pixels together: a few kilobytes of LZW can
// describe thousands of full-size frames, each of which the decoder would
// allocate. ok is false when the structure is broken.
func gifFrames(b []byte) (frames int, pixels int64, ok bool) {
	if len(b) < 13 {
		return 0, 0, false
	}
	i := 13
	if b[10]&0x80 != 0 {
		i += 3 << (int(b[10]&7) + 1)
	}
	skipSubBlocks := func() bool {
		for i < len(b) {
			n := int(b[i])
			i++
			if n == 0 {
				return true
			}
			i += n
		}
		return false
	}
	for i < len(b) {
		switch b[i] {
		case 0x3b: // trailer
			return frames, pixels, true
		case 0x21: // extension: label, then sub-blocks
			i += 2
			if !skipSubBlocks() {
				return frames, pixels, false
			}
		case 0x2c: // image descriptor
			if i+10 > len(b) {
				return frames, pixels, false
			}
			w := int64(b[i+5]) | int64(b[i+6])<<8
			h := int64(b[i+7]) | int64(b[i+8])<<8
			packed := b[i+9]
			i += 10
			if packed&0x80 != 0 {
				i += 3 << (int(packed&7) + 1)
			}
			i++ // LZW minimum code size
			if !skipSubBlocks() {
				return frames, pixels, false
			}
			frames++
			pixels += w * h
		default:
			return frames, pixels, false
		}
	}
	// No trailer: Go's decoder accepts that too, once the frames are read.
	return frames, pixels, frames > 0
}
