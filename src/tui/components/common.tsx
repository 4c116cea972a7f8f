import { Box, Text } from 'ink';
import React from 'react';
import { useTheme } from '../theme.js';
import { fit } from '../text.js';

/** The first row to show so that `index` stays visible in a list of `height` rows. */
export function windowStart(index: number, count: number, height: number): number {
  if (count <= height) return 0;
  const start = index - Math.floor(height / 2);
  return Math.max(0, Math.min(start, count - height));
}

/** A panel: a title row (inverse when focused) and a fixed-height body. */
export function Panel(props: {
  title: string;
  width: number;
  height: number;
  isFocused?: boolean;
  right?: string;
  children?: React.ReactNode;
}): React.ReactElement {
  const theme = useTheme();
  const marker = props.isFocused ? '> ' : '  ';
  const right = props.right ? ` ${props.right}` : '';
  const title = fit(`${marker}${props.title}`, Math.max(0, props.width - right.length));
  return (
    <Box flexDirection="column" width={props.width} height={props.height} overflow="hidden">
      <Text
        bold
        inverse={props.isFocused === true}
        color={props.isFocused ? undefined : theme.accent}
        wrap="truncate-end"
      >
        {title.padEnd(Math.max(0, props.width - right.length))}
        {right}
      </Text>
      <Box flexDirection="column" height={props.height - 1} overflow="hidden">
        {props.children}
      </Box>
    </Box>
  );
}

/** One row of text cut to the width (rows never wrap, so heights stay exact). */
export function Line(props: {
  text: string;
  width: number;
  color?: string | undefined;
  isSelected?: boolean;
  bold?: boolean;
  dim?: boolean;
}): React.ReactElement {
  return (
    <Text
      wrap="truncate-end"
      color={props.color}
      inverse={props.isSelected === true}
      bold={props.bold === true}
      dimColor={props.dim === true}
    >
      {fit(props.text, props.width)}
    </Text>
  );
}

/** Splits text into lines of at most `width` at spaces (for paragraphs in fixed boxes). */
export function wrapText(text: string, width: number): string[] {
  if (width < 4) return [text.slice(0, Math.max(0, width))];
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
    while (line.length > width) {
      out.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line) out.push(line);
  return out;
}
