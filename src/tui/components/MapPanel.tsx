import { Box, Text } from 'ink';
import React from 'react';
import { STATUS_GLYPH } from '../../play/projections/componentStatus.js';
import type { MapLayer } from '../../play/projections/map.js';
import { fit } from '../text.js';
import { useTheme } from '../theme.js';
import { Panel } from './common.js';

/** The architecture by layer; each component shows its status glyphs (legend in the help). */
export function MapPanel(props: {
  layers: MapLayer[];
  selected: string | undefined;
  width: number;
  height: number;
  titleWidth: number;
  isFocused: boolean;
}): React.ReactElement {
  const theme = useTheme();
  const rows = props.height - 1;
  return (
    <Panel
      title="Architecture"
      width={props.width}
      height={props.height}
      isFocused={props.isFocused}
    >
      {props.layers.slice(0, rows).map((layer) => (
        <Box key={layer.id} width={props.width} overflow="hidden">
          {props.titleWidth > 0 ? (
            <Text dimColor wrap="truncate-end">
              {fit(layer.title, props.titleWidth).padEnd(props.titleWidth)}{' '}
            </Text>
          ) : null}
          <Text wrap="truncate-end">
            {layer.components.map((c) => {
              const primary = c.statuses[0] ?? 'normal';
              const glyphs = c.statuses.map((s) => STATUS_GLYPH[s]).join('');
              return (
                <Text key={c.id}>
                  <Text
                    color={theme.status(primary)}
                    inverse={c.id === props.selected}
                    bold={primary !== 'normal'}
                  >
                    {`${c.id}${glyphs}`}
                  </Text>{' '}
                </Text>
              );
            })}
          </Text>
        </Box>
      ))}
    </Panel>
  );
}
