// The default theme, with the styles of the sequence diagrams drawn from recorded runs.
import DefaultTheme from 'vitepress/theme';
import './diagrams.css';

export default DefaultTheme;
